// The family-life topic lexicon of the local AI provider. Ids are stable English names stored in
// insights and used as filters (`?topic=`), so an id is never renamed, only added. Rows are in
// priority order: milestones and health first, because a parent looks for them first; ties in
// topic ranking fall back to this order. Trigger syntax: see LexiconRow in local_lexicon.h.
//
// Single-syllable Korean nouns (비, 눈, 말, 상, 잠, 책) are whole-word triggers only, matched
// through their particle-free form (비가 → 비), never as stems, so 비행기 is not rain and 눈물 is
// not snow.
#include "ai/local_lexicon.h"

namespace dadly::local_ai {

namespace {

constexpr LexiconRow kTopics[] = {
    {"milestone",
     "처음*|첫*|!첫째*|!첫번째*|!첫눈*|최초*|혼자서*@0.5|first*|!firstly|for the first time"},
    {"birthday", "생일*|생신*|돌잔치*|돌잡이*|백일*|birthday*|bday"},
    {"sick",
     "아프*|아파*|아팠*|아픈*|앓*|감기*|독감*|열 나*|열 났*|열 올*|열나*|열났*|고열*|미열*|"
     "기침*|콧물*|장염*|구토*|토했*|설사*|폐렴*|수족구*|몸살*|sick*|ill|illness|fever*|flu|"
     "cough*|a cold|runny nose|vomit*|threw up|stomachache*"},
    {"hospital",
     "병원*|소아과*|응급실*|입원*|퇴원*|진료*|의사*|주사|주사 맞*|예방접종*|접종*|hospital*|"
     "doctor*|clinic*|pediatrician*|vaccin*|checkup*|check up*|emergency room"},
    {"tooth", "이 빠*|이가 빠*|이빨*|앞니*|어금니*|치아*|치과*|양치*|tooth*|teeth|dentist*"},
    {"walking", "걸음마*|첫걸음*|걷기*|걷*|걸었*|걸어*|walk*|first steps|toddl*"},
    {"first_words",
     "말|말을*|첫마디*|옹알이*|단어*|엄마라고|아빠라고|첫 말*|first word*|word|words|babbl*|"
     "talk*|said mama|said dada"},
    {"growth", "키|키가*|몸무게*|자랐*|컸다|컸네|성장*|height|weight|grew|growth*|growing"},
    {"school",
     "학교*|초등학교*|입학*|등교*|하교*|학년*|수업*|선생님*|school*|class|classes|teacher*"},
    {"kindergarten",
     "유치원*|어린이집*|kindergarten*|preschool*|pre school|daycare*|day care|nursery"},
    {"homework", "숙제*|과제*|학습지*|받아쓰기*|homework*|assignment*|worksheet*|spelling test"},
    {"award",
     "상|상장*|상을*|트로피*|메달*|우승*|1 등|일등*|award*|prize*|trophy*|medal*|won first"},
    {"graduation", "졸업*|졸업식*|수료*|graduat*"},
    {"travel", "여행*|휴가*|해외*|제주*|trip|trips|travel*|vacation*|holiday trip|journey*|abroad"},
    {"beach",
     "바다*|해변*|해수욕장*|바닷가*|파도*|모래*|조개*|beach*|ocean*|sea|seaside|sandcastle*|"
     "waves"},
    {"swimming", "수영*|수영장*|물놀이*|swim*|swam|pool*"},
    {"bike", "자전거*|세발자전거*|킥보드*|bike*|bicycl*|cycling|tricycle*|scooter*"},
    {"playground",
     "놀이터*|미끄럼틀*|그네*|시소*|정글짐*|모래놀이*|playground*|slide|slides|swing*|seesaw*|"
     "jungle gym"},
    {"park", "공원*|park|parks"},
    {"zoo", "동물원*|아쿠아리움*|수족관*|zoo*|aquarium*|safari*"},
    {"camping", "캠핑*|텐트*|야영*|글램핑*|camping|campsite*|campfire*|tent|tents"},
    {"outing", "소풍*|나들이*|피크닉*|외출*|놀러*|체험*|picnic*|outing*|day out|field trip*"},
    {"nature",
     "산|등산*|숲*|계곡*|꽃*|나무*|곤충*|hike|hiking|hiked|forest*|mountain*|flower*|tree|"
     "trees|bug|bugs|insect*"},
    {"museum", "박물관*|미술관*|과학관*|전시*|museum*|gallery|exhibit*"},
    {"food",
     "음식*|밥|밥을*|먹*|간식*|이유식*|맛있*|맛집*|과자*|아이스크림*|과일*|식당*|외식*|food*|"
     "eat*|ate|meal*|lunch*|dinner*|breakfast*|snack*|delicious|ice cream|restaurant*"},
    {"cooking", "요리*|베이킹*|쿠키*|케이크 만들*|cook*|bak*"},
    {"sleep",
     "잠|잠을*|잠이*|잠들*|잤*|재우*|재웠*|낮잠*|자장가*|밤잠*|꿈*|sleep*|slept|nap|naps|napp*|"
     "bedtime*|dream*|lullab*"},
    {"bath", "목욕*|샤워*|씻*|bath*|shower*"},
    {"potty", "배변*|기저귀*|변기*|쉬야*|응가*|potty*|diaper*|toilet*"},
    {"friends", "친구*|단짝*|friend*|buddy|buddies|classmate*|playdate*"},
    {"grandparents",
     "할머니*|할아버지*|외할머니*|외할아버지*|친할머니*|친할아버지*|조부모*|할미*|할비*|"
     "grandma*|grandpa*|grandmother*|grandfather*|grandparent*|granny|nana|grandchild*"},
    {"sibling",
     "동생*|형|형이*|형아*|누나*|언니*|오빠*|형제*|자매*|남매*|sibling*|brother*|sister*"},
    {"holiday",
     "명절*|설날*|설|추석*|연휴*|세배*|세뱃돈*|송편*|떡국*|chuseok|lunar new year|new year*|"
     "thanksgiving|holiday|holidays"},
    {"christmas", "크리스마스*|성탄*|산타*|트리*|christmas*|xmas|santa*"},
    {"snow", "눈 오*|눈 왔*|눈 내*|눈이 오*|눈이 왔*|첫눈*|눈사람*|눈싸움*|눈썰매*|함박눈*|snow*"},
    {"rain", "비|비가*|빗*|장마*|소나기*|우산*|장화*|rain*|umbrella*|puddle*"},
    {"books",
     "책|책을*|책이*|동화*|그림책*|동화책*|독서*|도서관*|읽*|book*|read|reading|library*|story|"
     "stories|storybook*"},
    {"drawing",
     "그림*|그렸*|그려*|그리기*|색칠*|크레파스*|만들기*|종이접기*|미술*|drawing*|draw|drew|"
     "paint*|crayon*|craft*|coloring|colouring"},
    {"music",
     "음악*|노래*|피아노*|바이올린*|악기*|동요*|music*|song*|sing|sings|singing|sang|piano*|"
     "violin*|guitar*|concert*"},
    {"dance", "춤*|댄스*|발레*|danc*|ballet*"},
    {"soccer", "축구*|soccer*|football*"},
    {"taekwondo", "태권도*|품새*|승급*|띠 심사*|taekwondo*|tae kwon do|karate*|martial art*"},
    {"sports",
     "운동*|운동회*|달리기*|야구*|농구*|줄넘기*|인라인*|스케이트*|sport*|exercis*|baseball*|"
     "basketball*|race|races|running|jump rope|skating|skate*"},
    {"injury",
     "다쳤*|다쳐*|넘어졌*|넘어져*|상처*|멍이|멍 들*|멍들*|피가 나*|피가 났*|반창고*|injur*|"
     "hurt|bruise*|scrap*|bleed*|fell down|band aid*|bandage*"},
    {"moving", "이사*|새 집*|새집*|이삿짐*|moving|moved|new house|new home"},
    {"gift", "선물*|gift*|present|presents"},
    {"toys", "장난감*|인형*|블록*|레고*|로봇*|toy|toys|doll*|lego*|blocks|robot*"},
    {"pets",
     "강아지*|고양이*|반려*|햄스터*|물고기*|거북이*|pupp*|dog|dogs|cat|cats|kitten*|hamster*|"
     "pet|pets|goldfish"},
    {"movie", "영화*|극장*|만화*|애니*|movie*|film*|cinema*|cartoon*"},
    {"shopping", "마트*|쇼핑*|시장*|백화점*|shopping|supermarket*|grocer*|mall"},
    {"baby",
     "신생아*|아기*|애기*|태어났*|출산*|조리원*|분유*|모유*|수유*|newborn*|baby|babies|born|"
     "infant*|breastfe*|formula"},
    {"family", "가족*|식구*|family|families"},
    {"weather", "날씨*|더웠*|추웠*|덥*|춥*|햇살*|weather|sunny|hot day|cold day|windy"},
};

}  // namespace

std::span<const LexiconRow> TopicRows() { return kTopics; }

}  // namespace dadly::local_ai
