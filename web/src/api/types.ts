// Names for the contract's schemas, so pages import `Entry` rather than the generated paths.
import type { components } from './schema';

type Schemas = components['schemas'];

export type User = Schemas['User'];
export type AuthResponse = Schemas['AuthResponse'];
export type Me = Schemas['Me'];
export type Family = Schemas['Family'];
export type FamilySummary = Schemas['FamilySummary'];
export type Role = Schemas['Role'];
export type Locale = Schemas['Locale'];
export type Member = Schemas['Member'];
export type MemberCreate = Schemas['MemberCreate'];
export type Entry = Schemas['Entry'];
export type TrashEntry = Schemas['TrashEntry'];
export type EntryCreate = Schemas['EntryCreate'];
export type EntryPatch = Schemas['EntryPatch'];
export type Visibility = Schemas['Visibility'];
export type Insight = Schemas['Insight'];
export type EmotionScore = Schemas['EmotionScore'];
export type Timeline = Schemas['Timeline'];
export type Bucket = Schemas['Bucket'];
export type TimelineGroup = Timeline['group'];
export type SearchRequest = Schemas['SearchRequest'];
export type SearchResponse = Schemas['SearchResponse'];
export type SearchCitation = Schemas['SearchCitation'];
export type SearchResult = Schemas['SearchResult'];
export type Snippet = Schemas['Snippet'];
export type EmotionMap = Schemas['EmotionMap'];
export type EmotionPeriod = EmotionMap['items'][number];
export type Problem = Schemas['Problem'];
export type ProblemCode = Problem['code'];
export type FieldError = Schemas['FieldError'];
