// The date words and their facts, with the rule families' start words folded
// in (DateWord::families): the gate of Scanner::Run reads only this.

#include <cstdlib>
#include <initializer_list>
#include <utility>

#include "enrich/dates_scanner.h"
#include "enrich/word_table.h"

namespace tidings::enrich::dates {

const DateWord kNoDateWord{};

DateWord& DateVocab::At(std::string_view k) {
  const uint32_t h = Hash(k);
  size_t i = Home(h);
  for (; slots_[i].word != 0; i = (i + 1) & (kSlots - 1)) {
    if (slots_[i].hash == h && SameWord(keys_[slots_[i].word - 1], k)) return words_[slots_[i].word - 1];
  }
  if (2 * (words_.size() + 1) > kSlots) std::abort();  // keep probes short
  keys_.push_back(k);
  words_.emplace_back();
  slots_[i] = {h, static_cast<uint32_t>(words_.size())};
  return words_.back();
}

void DateVocab::AddShapes() {
  for (size_t w = 0; w < keys_.size(); ++w) {
    if (words_[w].families != 0) AddShape(keys_[w]);
  }
  for (int c = '0'; c <= '9'; ++c) {
    for (int last = 0; last < 32; ++last) shape_[c << 5 | last] = ~uint32_t{0};
  }
}

namespace {

using Pair = std::pair<std::string_view, int>;
using Name = std::pair<std::string_view, std::string_view>;

constexpr Pair kMonths[] = {
    {"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3}, {"mar", 3},
    {"april", 4}, {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6}, {"july", 7},
    {"jul", 7}, {"august", 8}, {"aug", 8}, {"september", 9}, {"sep", 9}, {"sept", 9},
    {"october", 10}, {"oct", 10}, {"november", 11}, {"nov", 11}, {"december", 12},
    {"dec", 12}};
// Short forms only where they are no other word ("Sat", "Sun", "Wed" are).
constexpr Pair kWeekdays[] = {{"monday", 0},   {"tuesday", 1}, {"wednesday", 2}, {"thursday", 3},
                             {"friday", 4},   {"saturday", 5}, {"sunday", 6},    {"mon", 0},
                             {"tue", 1},      {"tues", 1},     {"weds", 2},      {"thu", 3},
                             {"thur", 3},     {"thurs", 3},    {"fri", 4}};
constexpr Pair kNumberWords[] = {
    {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6},
    {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12},
    {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16},
    {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20}, {"thirty", 30},
    {"forty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70}, {"eighty", 80},
    {"ninety", 90}, {"hundred", 100}, {"thousand", 1000}, {"dozen", 12}};
constexpr Pair kOrdinalWords[] = {
    {"first", 1}, {"second", 2}, {"third", 3}, {"fourth", 4}, {"fifth", 5}, {"sixth", 6},
    {"seventh", 7}, {"eighth", 8}, {"ninth", 9}, {"tenth", 10}, {"eleventh", 11},
    {"twelfth", 12}, {"thirteenth", 13}, {"fourteenth", 14}, {"fifteenth", 15},
    {"sixteenth", 16}, {"seventeenth", 17}, {"eighteenth", 18}, {"nineteenth", 19},
    {"twentieth", 20}};
constexpr Pair kDecadeWords[] = {{"twenties", 2}, {"thirties", 3}, {"forties", 4},
                                {"fifties", 5},  {"sixties", 6},  {"seventies", 7},
                                {"eighties", 8}, {"nineties", 9}};
constexpr std::pair<std::string_view, Unit> kUnits[] = {
    {"year", {"Y", false}}, {"years", {"Y", true}}, {"yr", {"Y", false}}, {"yrs", {"Y", true}},
    {"month", {"M", false}}, {"months", {"M", true}}, {"week", {"W", false}},
    {"weeks", {"W", true}}, {"wk", {"W", false}}, {"wks", {"W", true}}, {"day", {"D", false}},
    {"days", {"D", true}}, {"hour", {"H", false}}, {"hours", {"H", true}}, {"hr", {"H", false}},
    {"hrs", {"H", true}}, {"minute", {"N", false}}, {"minutes", {"N", true}}, {"mins", {"N", true}},
    {"seconds", {"S", true}}, {"secs", {"S", true}}, {"min", {"N", false}},
    {"decade", {"DE", false}},
    {"decades", {"DE", true}}, {"century", {"CE", false}}, {"centuries", {"CE", true}},
    {"millennium", {"ML", false}}, {"millennia", {"ML", true}}};
constexpr Name kParts[] = {{"morning", "MO"}, {"afternoon", "AF"}, {"evening", "EV"}, {"night", "NI"}};
constexpr Name kSeasons[] = {{"spring", "SP"}, {"summer", "SU"}, {"autumn", "FA"}, {"fall", "FA"},
                            {"winter", "WI"}};
// SET adverbs, TIMEX3 style: the period of the recurrence.
constexpr Name kSetAdverbs[] = {{"daily", "P1D"},   {"weekly", "P1W"},    {"monthly", "P1M"},
                               {"yearly", "P1Y"},  {"annually", "P1Y"},  {"hourly", "PT1H"},
                               {"nightly", "XXXX-XX-XXTNI"}, {"quarterly", "P3M"}, {"fortnightly", "P2W"}};

constexpr std::string_view kVagueWords[] = {
    "few", "several", "many", "some", "recent", "numerous", "countless", "those", "these",
    "couple", "various", "multiple"};
constexpr std::string_view kDurationLeadIns[] = {
    "for", "in", "within", "over", "about", "only", "just", "than", "nearly", "almost",
    "barely", "after", "around", "roughly", "least", "under", "another", "took", "lasted",
    "spent", "last", "lasts"};
constexpr std::string_view kMonthLeadIns[] = {
    "in", "since", "by", "until", "till", "last", "of", "early", "late", "mid", "from",
    "through", "during", "this", "next", "on", "before", "after", "between", "and", "to"};
constexpr std::string_view kCountNouns[] = {
    "people", "troops", "soldiers", "civilians", "fighters", "men", "women", "children",
    "km", "miles", "metres", "meters", "dollars", "pounds", "euros", "deaths", "dead",
    "killed", "refugees", "families", "homes", "times", "words", "pages", "rebels"};
// Tense cues read by Scanner::CueAt. Future: modal and planning words
// ("is going to", "is set to" through their second word). Past: auxiliaries,
// reporting verbs and common irregular past forms (regular ones end in -ed).
constexpr std::string_view kFutureCues[] = {
    "will", "shall", "won't", "wont", "gonna", "upcoming", "scheduled", "planned", "plans", "plan", "expected",
    "expect", "expects", "due", "going", "intends", "aims", "set", "next", "tomorrow", "forthcoming", "payable",
    "slated", "likely",
    // the present of a scheduled event ("Germany votes on Sunday", "the
    // summit opens on Friday")
    "votes", "opens", "meets", "begins", "starts", "reopens", "resumes", "convenes", "kicks", "visits",
    "arrives", "departs", "launches", "ends", "closes", "hosts", "travels", "flies", "returns",
    "decides", "expires", "hears", "concludes", "premieres", "debuts", "runs", "lasts", "joins", "moves",
    "worsens", "sits", "reconvenes", "goes", "takes"};
// Their plain forms, a schedule only after a plural subject (Scanner::CueAt):
// "India play Australia on Thursday", "polls close at 4 p.m. on Sunday".
constexpr std::string_view kScheduleVerbs[] = {
    "play", "face", "vote", "open", "meet", "begin", "start", "reopen", "resume", "convene", "visit",
    "arrive", "depart", "launch", "close", "host", "travel", "fly", "return", "decide", "expire", "conclude",
    "worsen", "gather", "kick", "take", "sit", "reconvene", "go"};
constexpr std::string_view kPastCues[] = {
    "was", "were", "had", "did", "has", "have", "ago", "said", "told", "began", "came", "went",
    "took", "made", "met", "left", "held", "fought", "won", "lost", "saw", "fell", "rose",
    "led", "sent", "spent", "gave", "got", "became", "struck", "brought", "found", "broke",
    "ran", "wrote", "spoke", "sought", "thought", "bought", "caught", "taught", "kept", "heard",
    "stood", "drove", "flew", "threw", "grew", "knew", "drew", "chose", "fled", "withdrew",
    "understood", "swore", "earlier", "yesterday", "since", "recently", "previously", "formerly"};
// Verbs whose "to" and verb lie ahead of them (Scanner::InfinitiveAhead):
// "urged people to book before December", "agreed to debate from May",
// "would be ready to leave as soon as Tuesday". Not the verbs whose
// infinitive is their own time ("tried to flee on Monday", "managed to",
// "was forced to land on Monday").
constexpr std::string_view kDirectiveVerbs[] = {
    "agreed", "agree", "agrees", "decided", "decide", "decides", "urged", "urge", "urges", "asked",
    "ask", "asks", "told", "tell", "tells", "promised", "promise", "promises", "pledged", "pledge",
    "pledges", "vowed", "vow", "vows", "threatened", "threaten", "threatens", "voted", "intend",
    "intended", "hope", "hopes", "hoped", "want", "wants", "wanted", "invited", "ordered", "advised",
    "encouraged", "ready", "prepared", "preparing", "aim", "aimed", "called", "calls", "instructed"};
// Verbs that move a date: their "from X to Y" is no range.
constexpr std::string_view kMoveVerbs[] = {
    "move", "moves", "moved", "moving", "bring", "brings", "brought", "bringing", "forward", "push", "pushed",
    "shift", "shifted", "change", "changed", "switch", "switched", "rescheduled", "postponed", "delayed", "put"};
// "by" is left out: "by the end of July, 300 had died" is as common as the
// future reading, which a modal cue catches anyway ("will be done by June").
constexpr std::string_view kRangeWords[] = {"until", "till", "through"};

DateVocab Build() {
  DateVocab v;
  auto cls = [&](std::string_view w, uint32_t c) -> DateWord& {
    DateWord& d = v.At(w);
    d.cls |= c;
    return d;
  };
  for (const auto& [w, m] : kMonths) cls(w, kMonthWord).month = static_cast<int8_t>(m);
  for (const auto& [w, d] : kWeekdays) cls(w, kWeekdayWord).weekday = static_cast<int8_t>(d);
  for (const auto& [w, n] : kNumberWords) cls(w, kNumberWord).number = static_cast<int16_t>(n);
  for (const auto& [w, n] : kOrdinalWords) cls(w, kOrdinalWord).ordinal = static_cast<int8_t>(n);
  for (const auto& [w, n] : kDecadeWords) cls(w, kDecadeWord).decade = static_cast<int8_t>(n);
  for (const auto& [w, u] : kUnits) cls(w, kUnitWord).unit = u;
  for (const auto& [w, p] : kParts) cls(w, kPartWord).part = p;
  for (const auto& [w, s] : kSeasons) cls(w, kSeasonWord).season = s;
  for (const auto& [w, s] : kSetAdverbs) cls(w, kSetAdverb).set = s;
  for (std::string_view w : kVagueWords) cls(w, kVagueWord).flags |= kVague;
  for (std::string_view w : {"last", "next", "past", "coming", "previous", "first", "following"}) {
    cls(w, kBoundedWord);
  }
  for (std::string_view w : {"start", "end", "beginning", "middle", "close", "turn"}) cls(w, kEdgeWord);
  for (std::string_view w : {"a", "an", "half", "all"}) cls(w, kCountLead);
  for (std::string_view w : kFutureCues) cls(w, kFutureCue);
  for (std::string_view w : kScheduleVerbs) cls(w, kScheduleVerb);
  for (std::string_view w : kPastCues) cls(w, kPastCue);
  for (std::string_view w : kRangeWords) cls(w, kRangeWord);
  for (std::string_view w : kDirectiveVerbs) cls(w, kDirectiveVerb);
  for (std::string_view w : kMoveVerbs) cls(w, kMoveVerb);
  // Words the families read after their start word, so that they count as
  // date words for RuleFamily::needs_next.
  for (std::string_view w : {"same", "time", "final", "of", "and", "to", "or", "single", "other", "season",
                             "weekend", "those", "year", "now", "quarter", "half", "period", "latest", "current",
                             "prior", "fiscal", "full", "calendar", "future", "near", "distant", "foreseeable", "times",
                             "christmas", "thanksgiving", "halloween", "valentine", "eve"}) {
    v.At(w);
  }
  for (std::string_view w : kDurationLeadIns) v.At(w).flags |= kDurationLeadIn;
  for (std::string_view w : kMonthLeadIns) v.At(w).flags |= kMonthLeadIn;
  for (std::string_view w : kCountNouns) v.At(w).flags |= kCountNoun;
  for (std::string_view w : {"more", "additional", "straight", "consecutive", "full", "long"}) {
    v.At(w).flags |= kUnitFiller;
  }

  // The families' start conditions, folded into the words.
  const std::vector<RuleFamily>& fams = Families();
  if (fams.size() > kMaxFamilies) std::abort();
  for (size_t f = 0; f < fams.size(); ++f) {
    const FamilyMask bit = FamilyMask{1} << f;
    for (std::string_view w : fams[f].words) v.At(w).families |= bit;
    if (fams[f].numbers) v.number_families |= bit;
    if (fams[f].capital) v.capital_families |= bit;
    if (fams[f].needs_next) v.needs_next_families |= bit;
    if (!fams[f].prefix.empty()) {
      v.prefix_families |= bit;
      const std::string_view p = fams[f].prefix;
      for (char d = '0'; d <= '9'; ++d) {
        for (size_t digits = 1; digits <= 4; ++digits) v.AddShape(p[0], d, p.size() + digits);
      }
    }
  }
  for (std::string_view w : v.keys()) {
    DateWord& d = v.At(w);
    for (size_t f = 0; f < fams.size(); ++f) {
      if (d.cls & fams[f].classes) d.families |= FamilyMask{1} << f;
    }
  }
  v.AddShapes();
  return v;
}

}  // namespace

const DateVocab& Vocab() {
  static const DateVocab k = Build();
  return k;
}

}  // namespace tidings::enrich::dates

namespace tidings::enrich {

bool IsMonthOrWeekday(std::string_view key) {
  const dates::DateWord* w = dates::Vocab().Find(key);
  return w != nullptr && w->Is(dates::kMonthWord | dates::kWeekdayWord);
}

bool IsMonth(std::string_view key) {
  const dates::DateWord* w = dates::Vocab().Find(key);
  return w != nullptr && w->Is(dates::kMonthWord);
}

}  // namespace tidings::enrich
