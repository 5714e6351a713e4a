// The emotion lexicon of the local AI provider: cues for each of the 13 emotions of Emotions()
// (model/insight.h), in the same order and with the same ids, then the cues of crying, which
// EmotionTally weighs against the others. Trigger syntax: see LexiconRow in
// local_lexicon.h.
//
// Korean adjectives change their stem when conjugated (무섭다 → 무서워, 무서웠다; 기쁘다 → 기뻐서,
// 기뻤다), so each cue lists the stems it takes. A weight below 1 marks a cue that often means
// something milder or else (좋았다, 웃었다, 힘들었다), so it counts for less than an explicit word.
#include "ai/local_lexicon.h"

namespace dadly::local_ai {

namespace {

constexpr LexiconRow kEmotions[] = {
    {"joy",
     "기쁘*|기뻐*|기뻤*|기쁜*|기쁨*|행복*|감동*@0.8|즐거*|즐겁*|즐겼*|재밌*@0.7|재미있*@0.7|"
     "재미*@0.6|좋았*@0.6|좋아했*@0.6|좋아하*@0.4|웃었*@0.7|웃으*@0.6|웃음*@0.6|웃고*@0.6|"
     "웃는*@0.6|깔깔*@0.7|해맑*@0.7|신나*@0.6|신났*@0.6|신난*@0.6|happy|happi*|joy*|glad|"
     "fun@0.6|laugh*@0.7|smil*@0.6|delight*|cheerful*|enjoy*@0.7|wonderful@0.6|giggl*@0.7"},
    {"love",
     "사랑*|예쁘*@0.7|예뻐*@0.7|예뻤*@0.7|귀엽*@0.7|귀여*@0.7|안아*@0.6|안았*@0.6|포옹*@0.6|"
     "뽀뽀*@0.7|애정*|소중*@0.7|love|loved|loves|loving|lovely@0.7|adore*|hug|hugs|hugg*@0.6|"
     "hugged@0.6|kiss*@0.6|cuddl*@0.6|cute@0.6|precious@0.7"},
    {"gratitude",
     "감사*|고맙*|고마*|덕분*@0.6|thank*|grateful*|gratitude|thankful*|appreciat*|blessed@0.7"},
    {"pride",
     "자랑*|뿌듯*|대견*|장하*|장해*|기특*|잘했*@0.6|해냈*@0.7|대단*@0.5|멋지*@0.4|멋졌*@0.4|"
     "proud*|pride|accomplish*@0.6|did it@0.5|impressive@0.5|made it@0.4"},
    {"excitement",
     "설레*|설렜*|설렘*|신나*@0.8|신났*@0.8|신난*@0.8|들뜬*|들떴*|들떠*|기대*@0.6|두근*|흥분*|"
     "excit*|thrill*|eager*@0.7|cant wait|can't wait|cannot wait|look* forward*@0.7|pumped"},
    {"calm",
     "평온*|편안*|괜찮*@0.4|편하*@0.6|편해*@0.6|편했*@0.6|차분*|여유*@0.6|느긋*|평화*|"
     "포근*@0.7|안심*|다행*@0.7|잔잔*@0.6|고요*|calm*|peace*|relax*|quiet*@0.5|cozy|cosy|"
     "serene*|relie*@0.8|gentle@0.4"},
    {"surprise",
     "놀라*|놀랐*|놀랄*|놀람*|깜짝*|신기*@0.7|뜻밖*|갑자기*@0.3|surpris*|amaz*@0.7|astonish*|"
     "shock*|wow@0.6|unexpected*@0.7|suddenly@0.3|whoa@0.6"},
    {"worry",
     "걱정*|불안*|초조*|염려*|조마조마*|긴장*@0.7|스트레스*@0.6|조바심*|worri*|worry*|anxi*|"
     "nervous*|concern*@0.6|uneasy|stress*@0.6"},
    {"sadness",
     "슬프*|슬퍼*|슬펐*|슬픈*|슬픔*|속상*|서운*|섭섭*|우울*|아쉽*@0.6|아쉬*@0.6|실망*@0.8|"
     "외로*@0.8|외롭*@0.8|sad|sadly|sadness|upset*|unhappy|disappoint*@0.8|heartbr*|gloomy|"
     "lonely@0.8"},
    {"anger",
     "화 나*|화 났*|화나*|화났*|화 내*|화 냈*|화내*|화냈*|짜증*|분노*|성질*@0.6|떼쓰*@0.6|"
     "떼 쓰*@0.6|떼 썼*@0.6|떼썼*@0.6|삐졌*@0.6|삐쳐*@0.6|약올*@0.7|열받*|angry|angri*|anger*|"
     "mad@0.8|furious*|annoy*@0.8|frustrat*|tantrum*@0.6|irritat*|grump*@0.6|cranky@0.6"},
    {"fear",
     "무섭*|무서*|두렵*|두려*|겁*|공포*|악몽*@0.6|scare*|scary|afraid|fear*|frighten*|terrifi*|"
     "terror*|spook*|nightmare*@0.6"},
    {"tiredness",
     "피곤*|지치*|지쳤*|지쳐*|힘들*@0.7|힘겨*@0.7|졸리*@0.7|졸려*@0.7|졸렸*@0.7|녹초*|"
     "기진맥진*|고단*|tired*|exhaust*|sleepy@0.7|weary|worn out|drained|fatigue*|knackered"},
    {"longing",
     "그립*|그리워*|그리웠*|그리움*|보고 싶*|보고싶*|생각나*@0.6|생각이 나*@0.6|추억*@0.6|miss|"
     "missed|misses|missing@0.7|longing*|long for|nostalgi*|yearn*"},
    // Not one of the thirteen: tears. A child cries from fear, anger, tiredness or joy as well,
    // so crying counts as sadness only when the entry names no other feeling (EmotionTally).
    {"crying",
     "울었*@0.7|울어*@0.6|울고*@0.6|울음*@0.6|울먹*@0.7|울면*@0.6|눈물*@0.6|cry|cries|"
     "cried@0.7|crying@0.7|tear|tears@0.6"},
};

}  // namespace

std::span<const LexiconRow> EmotionRows() { return kEmotions; }

}  // namespace dadly::local_ai
