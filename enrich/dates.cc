#include "enrich/dates.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "enrich/kb.h"
#include "enrich/word_table.h"

namespace tidings::enrich {

namespace v1 = ::tidings::v1;

namespace {

// --- calendar arithmetic (proleptic Gregorian, days since 1970-01-01) ---
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int Weekday(int64_t days) {  // 0 = Monday
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

int DaysInMonth(int y, int m) {
  static const int k[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return (m >= 1 && m <= 12) ? k[m - 1] : 31;
}

// snprintf into char[32] for formats of literal characters and "%0Nd"
// (N one digit), which is all the values use; without the C library's
// formatting machinery.
std::string Fmt(const char* f, int a, int b = 0, int c = 0) {
  const int args[3] = {a, b, c};
  int arg = 0;
  char buf[64];
  size_t n = 0;
  for (const char* p = f; *p != 0; ++p) {
    if (*p != '%') {
      buf[n++] = *p;
      continue;
    }
    const int width = p[2] - '0';
    p += 3;
    const int v = args[arg++];
    char digits[10];
    int nd = 0;
    unsigned u = v < 0 ? 0u - static_cast<unsigned>(v) : static_cast<unsigned>(v);
    do {
      digits[nd++] = static_cast<char>('0' + u % 10);
      u /= 10;
    } while (u != 0);
    if (v < 0) buf[n++] = '-';
    for (int pad = width - nd - (v < 0 ? 1 : 0); pad > 0; --pad) buf[n++] = '0';
    while (nd > 0) buf[n++] = digits[--nd];
  }
  return std::string(buf, std::min<size_t>(n, 31));
}

std::string DayValue(const CivilDate& d) { return Fmt("%04d-%02d-%02d", d.year, d.month, d.day); }
std::string MonthValue(int y, int m) { return Fmt("%04d-%02d", y, m); }

std::string IsoWeekValue(int64_t days) {
  int64_t thursday = days - Weekday(days) + 3;
  int iso_year = CivilFromDays(thursday).year;
  int week = static_cast<int>((thursday - DaysFromCivil(iso_year, 1, 1)) / 7 + 1);
  return Fmt("%04d-W%02d", iso_year, week);
}

void AddMonths(int* y, int* m, int delta) {
  int t = *y * 12 + (*m - 1) + delta;
  *y = t / 12;
  *m = t % 12 + 1;
}

const std::unordered_map<std::string_view, int>& Months() {
  static const std::unordered_map<std::string_view, int> k = {
      {"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3}, {"mar", 3},
      {"april", 4}, {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6}, {"july", 7},
      {"jul", 7}, {"august", 8}, {"aug", 8}, {"september", 9}, {"sep", 9}, {"sept", 9},
      {"october", 10}, {"oct", 10}, {"november", 11}, {"nov", 11}, {"december", 12},
      {"dec", 12}};
  return k;
}

const std::unordered_map<std::string_view, int>& Weekdays() {
  static const std::unordered_map<std::string_view, int> k = {
      {"monday", 0}, {"tuesday", 1}, {"wednesday", 2}, {"thursday", 3},
      {"friday", 4}, {"saturday", 5}, {"sunday", 6}};
  return k;
}

const std::unordered_map<std::string_view, int>& NumberWords() {
  static const std::unordered_map<std::string_view, int> k = {
      {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6},
      {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12},
      {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16},
      {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20}, {"thirty", 30},
      {"forty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70}, {"eighty", 80},
      {"ninety", 90}, {"hundred", 100}, {"thousand", 1000}, {"dozen", 12}};
  return k;
}

// Unit codes: Y M W D H N(minute) S DE CE.
struct Unit {
  std::string_view code;
  bool plural;
};
const std::unordered_map<std::string_view, Unit>& Units() {
  static const std::unordered_map<std::string_view, Unit> m = {
      {"year", {"Y", false}}, {"years", {"Y", true}}, {"yr", {"Y", false}}, {"yrs", {"Y", true}},
      {"month", {"M", false}}, {"months", {"M", true}}, {"week", {"W", false}},
      {"weeks", {"W", true}}, {"day", {"D", false}}, {"days", {"D", true}},
      {"hour", {"H", false}}, {"hours", {"H", true}}, {"minute", {"N", false}},
      {"minutes", {"N", true}}, {"seconds", {"S", true}}, {"decade", {"DE", false}},
      {"decades", {"DE", true}}, {"century", {"CE", false}}, {"centuries", {"CE", true}}};
  return m;
}

// "P4Y", "PT48H", "P10Y" for a decade; n < 0 means vague ("PXY").
std::string DurationValue(std::string_view unit, double n) {
  bool time = unit == "H" || unit == "N" || unit == "S";
  std::string p = time ? "PT" : "P";
  if (n < 0) {
    std::string u(unit == "N" ? "M" : unit);
    return p + "X" + u;
  }
  auto num = [](double v) {
    char buf[32];
    if (v == std::floor(v) && v >= 0 && v < 1e15 && !std::signbit(v)) {
      return std::to_string(static_cast<int64_t>(v));  // what "%.0f" prints
    }
    if (v == std::floor(v)) {
      std::snprintf(buf, sizeof buf, "%.0f", v);
    } else {
      std::snprintf(buf, sizeof buf, "%g", v);
    }
    return std::string(buf);
  };
  if (unit == "DE") return "P" + num(n * 10) + "Y";
  if (unit == "CE") return "P" + num(n * 100) + "Y";
  double frac = n - std::floor(n);
  if (frac == 0.5 && unit == "Y") return "P" + num(std::floor(n)) + "Y6M";
  if (frac == 0.5 && unit == "D") return "P" + num(std::floor(n)) + "DT12H";
  if (frac == 0.5 && unit == "H") return "PT" + num(std::floor(n)) + "H30M";
  return p + num(n) + std::string(unit == "N" ? "M" : unit);
}

const std::unordered_set<std::string_view>& Vague() {
  static const std::unordered_set<std::string_view> k = {
      "few", "several", "many", "some", "recent", "numerous", "countless", "those", "these",
      "couple", "various", "multiple"};
  return k;
}

const std::unordered_set<std::string_view>& DurationLeadIns() {
  static const std::unordered_set<std::string_view> k = {
      "for", "in", "within", "over", "about", "only", "just", "than", "nearly", "almost",
      "barely", "after", "around", "roughly", "least", "under", "another", "took", "lasted",
      "spent", "last", "lasts"};
  return k;
}

const std::unordered_set<std::string_view>& MonthLeadIns() {
  static const std::unordered_set<std::string_view> k = {
      "in", "since", "by", "until", "till", "last", "of", "early", "late", "mid", "from",
      "through", "during", "this", "next", "on", "before", "after", "between", "and", "to"};
  return k;
}

// Every word that can start a temporal expression, as a filter.
const KeyFilter& Triggers() {
  static const KeyFilter k = [] {
    KeyFilter f;
    for (std::string_view w :
         {"the", "this", "that", "last", "next", "coming", "past", "previous", "first",
          "following", "early", "late", "mid", "earlier", "later", "start", "end", "beginning",
          "middle", "every", "each", "per", "a", "an", "half", "all", "few", "several", "many",
          "recent", "numerous", "countless", "those", "couple", "various", "multiple", "now",
          "today", "nowadays", "currently", "presently", "right", "recently", "lately", "soon",
          "yesterday", "tomorrow", "tonight", "some", "these"}) {
      f.Add(w);
    }
    for (const auto& [w, v] : Months()) f.Add(w);
    for (const auto& [w, v] : Weekdays()) f.Add(w);
    for (const auto& [w, v] : NumberWords()) f.Add(w);
    for (std::string_view w : {"years", "months", "weeks", "days", "hours", "minutes", "decades",
                               "centuries", "seconds"}) {
      f.Add(w);
    }
    return f;
  }();
  return k;
}

const std::unordered_set<std::string_view>& CountNouns() {
  static const std::unordered_set<std::string_view> k = {
      "people", "troops", "soldiers", "civilians", "fighters", "men", "women", "children",
      "km", "miles", "metres", "meters", "dollars", "pounds", "euros", "deaths", "dead",
      "killed", "refugees", "families", "homes", "times", "words", "pages", "rebels"};
  return k;
}

// Everything the date rules look up about one word, from a single probe.
enum DateWordFlag : uint8_t { kVague = 1, kDurationLeadIn = 2, kMonthLeadIn = 4, kCountNoun = 8 };
// What a word at token i needs so that some rule of Scanner::Try can fire
// there (Scanner::MayFireWord; derived from the rules: keep both in step).
enum DateWordStart : uint8_t {
  kStartNone,      // no rule starts at it
  kStartAny,       // no cheap condition
  kStartThe,       // next: a number or kAfterThe
  kStartCount,     // a, an, number and vague words; next: a hyphen or kAfterCount
  kStartThis,      // next: kAfterThis
  kStartThat,      // next: a part of day
  kStartRelative,  // last next past coming previous first following;
                   // next: a number or kAfterRelative
  kStartCapital,   // month and weekday names: a capital
  kStartOf,        // start end beginning middle; next: "of"
  kStartAll,       // next: "those"
  kStartRight,     // next: "now"
};
// Which start words may be followed by the word (bits).
enum DateWordNext : uint8_t {
  kAfterThe = 1,
  kAfterCount = 2,
  kAfterThis = 4,
  kAfterRelative = 8,
  kAfterNumber = 16,  // with kAfterCount and a hyphen: what may follow a number
};
// What "the" + a kAfterThe word needs next (Scanner::TheMayFire).
enum DateWordAfterThe : uint8_t {
  kTheAny,      // no cheap condition ("decades")
  kTheOf,       // start end beginning middle close turn: "of"
  kTheBounded,  // last next past coming previous first following: a number or kAfterRelative
  kTheEarly,    // early late mid: a number, a hyphen or "months"
  kTheFinal,    // "months"
  kThePart,     // a part of day: "of", or "in"/"during" before "the"
};
struct DateWord {
  int8_t month = 0;     // 1-12
  int8_t weekday = -1;  // 0 = Monday
  int16_t number = -1;  // number word value
  Unit unit{"", false};
  bool is_unit = false;
  std::string_view part;  // part of day: MO AF EV NI
  uint8_t flags = 0;
  uint8_t start = kStartNone;
  uint8_t next = 0;
  bool trigger = false;  // Triggers().MayContain(word)
  uint8_t after_the = 0;  // DateWordAfterThe, for kAfterThe words
};

// The date words with their facts, looked up through a small open-addressing
// table with a cheap hash (most tokens miss on an empty slot).
class DateVocab {
 public:
  const DateWord* Find(std::string_view k) const {
    if (k.empty()) return nullptr;
    const uint32_t h = Hash(k);
    for (size_t i = Home(h);; i = (i + 1) & (kSlots - 1)) {
      const Slot& s = slots_[i];
      if (s.word == 0) return nullptr;
      if (s.hash == h && SameWord(keys_[s.word - 1], k)) return &words_[s.word - 1];
    }
  }
  // Adds `k` (a literal or a key of a static table) unless present.
  DateWord& At(std::string_view k) {
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
  const std::vector<std::string_view>& keys() const { return keys_; }

  // False for most keys that start no rule: bit (size % 32) of the shape
  // (first byte, last byte % 32) is set for the keys whose start is not
  // kStartNone, and for every key starting with a digit.
  bool MayStart(std::string_view k) const {  // k not empty
    const auto* p = reinterpret_cast<const uint8_t*>(k.data());
    return (shape_[p[0] << 5 | (p[k.size() - 1] & 31u)] >> (k.size() & 31)) & 1;
  }
  void AddShapes() {
    for (size_t w = 0; w < keys_.size(); ++w) {
      if (words_[w].start == kStartNone) continue;
      const auto* p = reinterpret_cast<const uint8_t*>(keys_[w].data());
      shape_[p[0] << 5 | (p[keys_[w].size() - 1] & 31u)] |= uint32_t{1} << (keys_[w].size() & 31);
    }
    for (int c = '0'; c <= '9'; ++c) {
      for (int last = 0; last < 32; ++last) shape_[c << 5 | last] = ~uint32_t{0};
    }
  }

 private:
  static constexpr size_t kSlots = 1024;
  // From the (first byte, last byte, length) shape only: keys that share one
  // are told apart by the compare.
  static uint32_t Hash(std::string_view k) {  // k not empty
    const auto* p = reinterpret_cast<const uint8_t*>(k.data());
    return (p[0] | uint32_t{p[k.size() - 1]} << 8 | static_cast<uint32_t>(k.size()) << 16) * 0x9E3779B1u;
  }
  static size_t Home(uint32_t h) { return h >> 22; }
  struct Slot {
    uint32_t hash = 0;
    uint32_t word = 0;  // index into words_ + 1; 0: empty
  };
  Slot slots_[kSlots];
  uint32_t shape_[256 * 32] = {};
  std::vector<std::string_view> keys_;
  std::vector<DateWord> words_;
};

const DateVocab& Vocab() {
  static const DateVocab k = [] {
    DateVocab v;
    auto word = [&](std::string_view w) -> DateWord& { return v.At(w); };
    for (const auto& [w, m] : Months()) word(w).month = static_cast<int8_t>(m);
    for (const auto& [w, d] : Weekdays()) word(w).weekday = static_cast<int8_t>(d);
    for (const auto& [w, n] : NumberWords()) word(w).number = static_cast<int16_t>(n);
    for (const auto& [w, u] : Units()) {
      DateWord& d = word(w);
      d.unit = u;
      d.is_unit = true;
    }
    for (const auto& [w, part] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
             {"morning", "MO"}, {"afternoon", "AF"}, {"evening", "EV"}, {"night", "NI"}}) {
      word(w).part = part;
    }
    for (std::string_view w : Vague()) word(w).flags |= kVague;
    for (std::string_view w : DurationLeadIns()) word(w).flags |= kDurationLeadIn;
    for (std::string_view w : MonthLeadIns()) word(w).flags |= kMonthLeadIn;
    for (std::string_view w : CountNouns()) word(w).flags |= kCountNoun;

    auto start = [&](std::string_view w, DateWordStart s) {
      DateWord& d = word(w);
      d.start = d.start == kStartNone || d.start == s ? s : kStartAny;
    };
    auto next = [&](std::string_view w, uint8_t bits) { word(w).next |= bits; };
    start("the", kStartThe);
    start("this", kStartThis);
    start("that", kStartThat);
    for (std::string_view w : {"last", "next", "past", "coming", "previous", "first", "following"}) {
      start(w, kStartRelative);
    }
    for (std::string_view w : {"start", "end", "beginning", "middle"}) start(w, kStartOf);
    start("all", kStartAll);
    start("right", kStartRight);
    start("a", kStartCount);
    start("an", kStartCount);
    for (const auto& [w, n] : NumberWords()) start(w, kStartCount);
    for (std::string_view w : Vague()) start(w, kStartCount);
    for (const auto& [w, m] : Months()) start(w, kStartCapital);
    for (const auto& [w, d] : Weekdays()) start(w, kStartCapital);
    for (std::string_view w : {"tonight", "early", "late", "mid", "earlier", "later", "every", "each",
                               "per", "half", "now", "today", "nowadays", "currently", "presently",
                               "recently", "lately", "soon", "yesterday", "tomorrow"}) {
      start(w, kStartAny);
    }
    for (const auto& [w, u] : Units()) start(w, kStartAny);

    auto after_the = [&](std::string_view w, DateWordAfterThe a) {
      DateWord& d = word(w);
      d.after_the = (d.next & kAfterThe) == 0 || d.after_the == a ? a : kTheAny;
      d.next |= kAfterThe;
    };
    for (std::string_view w : {"morning", "afternoon", "evening", "night"}) after_the(w, kThePart);
    for (std::string_view w : {"start", "end", "beginning", "middle", "close", "turn"}) {
      after_the(w, kTheOf);
    }
    for (std::string_view w : {"last", "next", "past", "coming", "previous", "first", "following"}) {
      after_the(w, kTheBounded);
    }
    for (std::string_view w : {"early", "late", "mid"}) after_the(w, kTheEarly);
    after_the("final", kTheFinal);
    after_the("decades", kTheAny);
    for (std::string_view w : {"few", "couple", "hundred", "thousand", "dozen", "and", "to", "or"}) {
      next(w, kAfterCount);
    }
    for (const auto& [w, u] : Units()) next(w, kAfterCount | kAfterRelative);
    for (std::string_view w : {"morning", "afternoon", "evening", "night"}) next(w, kAfterThis);
    for (std::string_view w : {"night", "year", "month", "week", "weekend"}) {
      next(w, kAfterThis | kAfterRelative);
    }
    for (const auto& [w, m] : Months()) next(w, kAfterThis | kAfterRelative | kAfterNumber);
    next("of", kAfterNumber);
    for (const auto& [w, d] : Weekdays()) next(w, kAfterThis | kAfterRelative);
    for (std::string_view w : {"a", "an", "all", "half"}) next(w, kAfterRelative);
    for (const auto& [w, n] : NumberWords()) next(w, kAfterRelative);
    for (std::string_view w : Vague()) next(w, kAfterRelative);

    for (std::string_view w : v.keys()) v.At(w).trigger = Triggers().MayContain(w);
    v.AddShapes();
    return v;
  }();
  return k;
}

const DateWord kNoDateWord{};

// A token key whose comparisons with string literals compile to a length
// check and an inline fixed-size compare (the rules make many of them).
struct Key : std::string_view {
  Key() = default;
  Key(std::string_view s) : std::string_view(s) {}  // NOLINT: implicit on purpose
  template <size_t N>
  bool operator==(const char (&lit)[N]) const {
    if constexpr (N == 1) {
      return empty();
    } else {
      return size() == N - 1 && std::memcmp(data(), lit, N - 1) == 0;
    }
  }
};

struct Hit {
  size_t end;  // token index, exclusive
  v1::TimexType type;
  std::string value;
  std::string_view rule;
};

class Scanner {
 public:
  // `gated` false: Try at every token the trigger filter passes, without
  // the gate (the reference the gate is tested against).
  Scanner(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
          const CivilDate* anchor, bool gated = true)
      : text_(text), tokens_(tokens), keys_(keys), anchor_(anchor), vocab_(Vocab()), gated_(gated) {
    if (anchor_ != nullptr) {
      ref_year_ = anchor_->year;
      ref_month_ = anchor_->month;
      ref_day_ = *anchor_;
    }
    for (CachedWord& c : cache_) c.index = SIZE_MAX;
  }

  void Run(const CodePointIndex& cps, bool debug,
           ::google::protobuf::RepeatedPtrField<v1::DateMention>* out) {
    const size_t n = tokens_.size();
    const Token* tok = tokens_.data();
    std::vector<std::pair<size_t, Hit>> hits;
    // Tokens from here to the current one have not had their paragraph check.
    size_t para_from = 1;
    for (size_t i = 0; i < n;) {
      i = gated_ ? NextCandidate(i) : NextTrigger(i);
      if (i == n) break;
      // A blank line starts a paragraph: the day reference goes back to the
      // anchor. The tokens visited since the last check are para_from..i, and
      // a "\n\n" between two of their tokens lies inside one gap.
      if (anchor_ != nullptr && i >= para_from) {
        const uint32_t b = tok[para_from - 1].end_byte, e = tok[i].begin_byte;
        if (e - b >= 2 && text_.substr(b, e - b).find("\n\n") != std::string_view::npos) {
          ref_day_ = *anchor_;
        }
      }
      hits.clear();
      if (Try(i, &hits)) {
        size_t next = i + 1;
        for (auto& [start, h] : hits) {
          auto* m = out->Add();
          uint32_t b = tokens_[start].begin_byte, e = tokens_[h.end - 1].end_byte;
          m->set_begin(cps.ToCodePoint(b));
          m->set_end(cps.ToCodePoint(e));
          m->set_text(std::string(text_.substr(b, e - b)));
          m->set_type(h.type);
          m->set_value(std::move(h.value));
          m->set_score(0.9f);
          if (debug) m->set_rule(std::string("date:") + std::string(h.rule));
          next = std::max(next, h.end);
        }
        i = next;
      } else {
        ++i;
      }
      para_from = i;
    }
  }

 private:
  // The first token from i on at which Try may fire (n if none): a number
  // that MayFireNumber allows, a key starting with a digit that passes the
  // trigger filter, or a date word that passes it and that MayFireWord
  // allows. Kept small so that its loop stays in registers.
  [[gnu::noinline]] size_t NextCandidate(size_t i) const {
    const size_t n = tokens_.size();
    const Token* tok = tokens_.data();
    const std::string_view* key = keys_.data();
    const DateVocab& vocab = vocab_;
    for (; i < n; ++i) {
      // A number's key starts with its first digit (Tokenize), and every key
      // starting with a digit passes MayStart.
      const std::string_view k = key[i];
      if (k.empty() || !vocab.MayStart(k)) continue;
      if (tok[i].kind == TokenKind::kNumber) {
        if (MayFireNumber(i)) return i;
      } else if (static_cast<unsigned>(k[0] - '0') < 10) {
        if (Triggers().MayContain(k)) return i;
      } else if (const DateWord* w = vocab.Find(k);
                 w != nullptr && w->trigger && MayFireWord(i, *w)) {
        return i;
      }
    }
    return n;
  }
  // The first token from i on that is a number or passes the trigger filter.
  size_t NextTrigger(size_t i) const {
    while (i < tokens_.size() && !(IsNum(i) || Triggers().MayContain(keys_[i]))) ++i;
    return i;
  }
  // False when Try(i) cannot fire at a number: the rules that start at one
  // need a year (4 bytes), a decade ("1990s"), a '/' (numeric dates, "9/11"),
  // or next a hyphen, "of" or a month (day of month), "and" (day and day,
  // "3 and a half"), "to"/"or" (ranges) or a unit (durations, centuries).
  [[gnu::noinline]] bool MayFireNumber(size_t i) const {
    const std::string_view k = keys_[i];
    if (k.size() == 4 || k.size() == 5 || k.find('/') != std::string_view::npos) return true;
    return IsHyph(i + 1) || (Peek(i + 1).next & (kAfterCount | kAfterNumber));
  }
  // False when Try(i) cannot fire at date word w (token i not a number, its
  // key w's, passing the trigger filter): the rules that start at w all
  // need something that tokens i and i + 1 do not have (DateWordStart).
  [[gnu::noinline]] bool MayFireWord(size_t i, const DateWord& w) const {
    switch (w.start) {
      case kStartNone:
        return false;
      case kStartThe:
        return TheMayFire(i);
      case kStartCount:
        return (Peek(i + 1).next & kAfterCount) || IsHyph(i + 1);
      case kStartThis:
        return Peek(i + 1).next & kAfterThis;
      case kStartThat:
        return !Peek(i + 1).part.empty();
      case kStartRelative:
        return IsNum(i + 1) || (Peek(i + 1).next & kAfterRelative);
      case kStartCapital:
        return tokens_[i].upper;
      case kStartOf:
        return K(i + 1) == "of";
      case kStartAll:
        return K(i + 1) == "those";
      case kStartRight:
        return K(i + 1) == "now";
      default:
        return true;
    }
  }

  // For "the" at i: a number next, or a kAfterThe word with what it needs
  // after it (DateWordAfterThe; from the rules that start at "the").
  bool TheMayFire(size_t i) const {
    if (IsNum(i + 1)) return true;
    const DateWord& w = Peek(i + 1);
    if (!(w.next & kAfterThe)) return false;
    switch (w.after_the) {
      case kTheOf:
        return K(i + 2) == "of";
      case kTheBounded:
        return IsNum(i + 2) || (Peek(i + 2).next & kAfterRelative);
      case kTheEarly:
        return IsNum(i + 2) || IsHyph(i + 2) || K(i + 2) == "months";
      case kTheFinal:
        return K(i + 2) == "months";
      case kThePart:
        return K(i + 2) == "of" || K(i - 1) == "in" || K(i - 1) == "during";
      default:
        return true;
    }
  }
  // The date-word facts of token i, not cached.
  const DateWord& Peek(size_t i) const {
    const DateWord* w = i < tokens_.size() ? vocab_.Find(keys_[i]) : nullptr;
    return w != nullptr ? *w : kNoDateWord;
  }
  // The date-word facts of token i (looked up once, then cached while near).
  const DateWord& D(size_t i) const {
    if (i >= tokens_.size()) return kNoDateWord;
    CachedWord& c = cache_[i & (kCache - 1)];
    if (c.index != i) {
      const DateWord* w = vocab_.Find(keys_[i]);
      c.index = i;
      c.word = w != nullptr ? w : &kNoDateWord;
    }
    return *c.word;
  }
  bool UnitAt(size_t i, Unit* u) const {
    const DateWord& w = D(i);
    if (!w.is_unit) return false;
    *u = w.unit;
    return true;
  }

  Key K(size_t i) const { return i < keys_.size() ? Key(keys_[i]) : Key(); }
  bool Upper(size_t i) const { return i < tokens_.size() && tokens_[i].upper; }
  bool IsNum(size_t i) const { return i < tokens_.size() && tokens_[i].kind == TokenKind::kNumber; }
  bool Glued(size_t i) const {  // token i touches token i-1
    return i > 0 && i < tokens_.size() && tokens_[i].begin_byte == tokens_[i - 1].end_byte;
  }
  bool IsHyph(size_t i) const {
    if (i >= tokens_.size() || tokens_[i].kind != TokenKind::kPunct) return false;
    size_t p = tokens_[i].begin_byte;
    return IsHyphen(DecodeUtf8(text_, &p));
  }

  // An integer from digits ("17", "1,200") or words ("seventeen", "twenty-five",
  // "a hundred"). Sets *next past it.
  bool Number(size_t i, double* v, size_t* next, bool allow_article) const {
    Key k = K(i);
    if (IsNum(i)) {
      uint64_t value = 0;
      size_t digits = 0;
      for (char c : k) {
        if (c >= '0' && c <= '9') {
          if (++digits <= 9) value = value * 10 + static_cast<uint64_t>(c - '0');
        } else if (c != ',') {
          return false;
        }
      }
      if (digits == 0 || digits > 9) return false;
      *v = static_cast<double>(value);
      *next = i + 1;
      return true;
    }
    size_t j = i;
    double val = 0;
    if (allow_article && (k == "a" || k == "an") &&
        (K(i + 1) == "hundred" || K(i + 1) == "thousand" || K(i + 1) == "dozen")) {
      val = 1;
      j = i + 1;
      k = K(j);
    }
    const int word_value = D(j).number;
    if (word_value < 0) {
      if (allow_article && (k == "a" || k == "an" || k == "one")) {
        *v = 1;
        *next = i + 1;
        return true;
      }
      return false;
    }
    if (word_value >= 100) {
      val = (val == 0 ? 1 : val) * word_value;
    } else {
      val = word_value;
      // twenty-five
      if (val >= 20 && IsHyph(j + 1) && D(j + 2).number >= 0 && D(j + 2).number < 10) {
        val += D(j + 2).number;
        j += 2;
      }
      if (K(j + 1) == "hundred" || K(j + 1) == "thousand") {
        val *= D(j + 1).number;
        ++j;
      }
    }
    *v = val;
    *next = j + 1;
    return true;
  }

  // Day of month from "17", "17th", "3rd".
  bool DayNum(size_t i, int* d) const {
    if (!IsNum(i)) return false;
    Key k = K(i);
    int v = 0;
    size_t p = 0;
    while (p < k.size() && k[p] >= '0' && k[p] <= '9' && p < 3) v = v * 10 + (k[p++] - '0');
    std::string_view rest = k.substr(p);
    if (!(rest.empty() || rest == "st" || rest == "nd" || rest == "rd" || rest == "th")) return false;
    if (v < 1 || v > 31) return false;
    *d = v;
    return true;
  }

  bool Year(size_t i, int* y) const {
    if (!IsNum(i)) return false;
    Key k = K(i);
    if (k.size() != 4) return false;
    int v = 0;
    for (char c : k) {
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    if (v < 1000 || v > 2199) return false;
    *y = v;
    return true;
  }

  int Month(size_t i) const {
    const int month = D(i).month;
    if (month == 0) return 0;
    const Key key = K(i);
    std::string_view raw = text_.substr(tokens_[i].begin_byte, tokens_[i].end_byte - tokens_[i].begin_byte);
    if (!Upper(i)) return 0;
    if (raw.size() <= 4 && raw.size() < key.size() + 1 && key.size() <= 4 && key != "may" &&
        key != "june" && key != "july") {
      // Abbreviations ("Jan", "Sept") must be followed by '.' or a number.
      if (!(IsNum(i + 1) || K(i + 1).empty())) return 0;
    }
    return month;
  }

  std::string YearOr(int y) const { return y > 0 ? Fmt("%04d", y) : "XXXX"; }

  // Year for a month mentioned without one: the latest such month not after
  // the anchor (news reports the past).
  int YearForMonth(int m) const {
    if (anchor_ == nullptr) return 0;
    return m <= anchor_->month + 1 ? anchor_->year : anchor_->year - 1;
  }

  std::string DayVal(int y, int m, int d) {
    if (y <= 0) return Fmt("XXXX-%02d-%02d", m, d);
    if (d > DaysInMonth(y, m)) d = DaysInMonth(y, m);
    ref_day_ = {y, m, d};
    ref_year_ = y, ref_month_ = m;
    return DayValue({y, m, d});
  }
  std::string MonthVal(int y, int m) {
    if (y <= 0) return Fmt("XXXX-%02d", m);
    ref_year_ = y, ref_month_ = m;
    return MonthValue(y, m);
  }

  // Day-level date at i: "17 October [2016]", "October 17[,] [2016]",
  // "17th of October". Returns end or 0.
  size_t DayDate(size_t i, std::string* value) {
    int d = 0, m = 0, y = 0;
    size_t j = i;
    if (DayNum(i, &d)) {
      j = i + 1;
      if (K(j) == "of") ++j;
      m = Month(j);
      if (m == 0) return 0;
      ++j;
    } else if ((m = Month(i)) != 0 && DayNum(i + 1, &d) && !(K(i + 2) == ":")) {
      j = i + 2;
      // "May 2012" is month + year, not day 20.
      if (K(i + 1).size() == 4) return 0;
    } else {
      return 0;
    }
    size_t k = j;
    if (K(k) == ",") ++k;
    if (Year(k, &y)) {
      j = k + 1;
    } else {
      y = YearForMonth(m);
    }
    *value = DayVal(y, m, d);
    return j;
  }

  bool Try(size_t i, std::vector<std::pair<size_t, Hit>>* hits) {
    Key k = K(i);
    if (k.empty()) return false;
    Hit h{0, v1::DATE, "", ""};
    auto emit = [&](size_t start, size_t end, v1::TimexType t, std::string v, std::string_view r) {
      hits->push_back({start, Hit{end, t, std::move(v), r}});
      return true;
    };
    const CivilDate* a = anchor_;
    int64_t adays = a ? DaysFromCivil(a->year, a->month, a->day) : 0;

    // --- times of day ---
    if ((k == "the" || k == "this" || k == "that") && !D(i + 1).part.empty()) {
      std::string_view part = D(i + 1).part;
      if (K(i + 2) == "of") {
        std::string v;
        size_t e = DayDate(i + 3, &v);
        if (e) return emit(i, e, v1::TIME, v + "T" + std::string(part), "part-of-day-of-date");
      }
      if (k == "this" && a) return emit(i, i + 2, v1::TIME, DayValue(*a) + "T" + std::string(part), "this-part-of-day");
      if (k == "the" && (K(i - 1) == "in" || K(i - 1) == "during") && ref_day_.year > 0) {
        return emit(i, i + 2, v1::TIME, DayValue(ref_day_) + "T" + std::string(part), "part-of-day-ref");
      }
    }
    if ((k == "last" || (k == "the" && K(i + 1) == "last")) && K(i + (k == "the" ? 2 : 1)) == "night") {
      size_t e = i + (k == "the" ? 3 : 2);
      if (ref_day_.year > 0) {
        int64_t d = DaysFromCivil(ref_day_.year, ref_day_.month, ref_day_.day) - 1;
        return emit(i, e, v1::TIME, DayValue(CivilFromDays(d)) + "TNI", "last-night");
      }
      return emit(i, e, v1::TIME, "XXXX-XX-XXTNI", "last-night");
    }
    if (k == "tonight") {
      return emit(i, i + 1, v1::TIME, a ? DayValue(*a) + "TNI" : "XXXX-XX-XXTNI", "tonight");
    }

    // --- named numeric dates ---
    if (k == "9/11") return emit(i, i + 1, v1::DATE, "2001-09-11", "named-date");
    if (IsNum(i)) {
      int p[3] = {0, 0, 0}, np = 0;
      for (char c : k) {
        if (c == '/') {
          if (++np > 2) break;
        } else if (c >= '0' && c <= '9') {
          p[np] = p[np] * 10 + (c - '0');
        } else {
          np = 9;
          break;
        }
      }
      if (np == 2 && p[2] >= 1900 && p[2] < 2200 && p[1] >= 1 && p[0] >= 1 && p[0] <= 31) {
        // Day first unless that is impossible (house style is British).
        int d = p[0], m = p[1];
        if (m > 12 && d <= 12) std::swap(d, m);
        if (m <= 12) return emit(i, i + 1, v1::DATE, DayVal(p[2], m, d), "numeric-date");
      }
    }
    // ISO 2016-10-20
    {
      int y = 0;
      if (Year(i, &y) && IsHyph(i + 1) && Glued(i + 1) && IsNum(i + 2) && K(i + 2).size() == 2 &&
          IsHyph(i + 3) && IsNum(i + 4) && K(i + 4).size() == 2) {
        int m = std::stoi(std::string(K(i + 2))), d = std::stoi(std::string(K(i + 4)));
        if (m >= 1 && m <= 12 && d >= 1 && d <= 31) return emit(i, i + 5, v1::DATE, DayVal(y, m, d), "iso-date");
      }
    }

    // --- weekday [,] day month year ---
    if (D(i).weekday >= 0 && Upper(i)) {
      size_t j = i + 1;
      if (K(j) == ",") ++j;
      std::string v;
      size_t e = DayDate(j, &v);
      if (e) return emit(i, e, v1::DATE, v, "weekday-date");
    }
    // --- day and day Month ---
    {
      int d1 = 0;
      if (DayNum(i, &d1) && K(i + 1) == "and") {
        std::string v;
        size_t e = DayDate(i + 2, &v);
        if (e) {
          int m = Month(i + 3) ? Month(i + 3) : 0;
          int y = v.size() >= 4 && v[0] != 'X' ? std::stoi(v.substr(0, 4)) : 0;
          std::string v1s = m ? (y ? DayValue({y, m, d1}) : Fmt("XXXX-%02d-%02d", m, d1)) : v;
          emit(i, i + 1, v1::DATE, v1s, "day-and-day-month");
          return emit(i + 2, e, v1::DATE, v, "day-month");
        }
      }
    }
    // --- day-level date ---
    {
      std::string v;
      size_t e = DayDate(i, &v);
      if (e) return emit(i, e, v1::DATE, v, "day-month-year");
    }

    // --- Month Year / Month this|last|next year ---
    if (int m = Month(i)) {
      int y = 0;
      size_t j = i + 1;
      if (K(j) == "of" || K(j) == ",") ++j;
      if (Year(j, &y)) return emit(i, j + 1, v1::DATE, MonthVal(y, m), "month-year");
      if ((K(i + 1) == "this" || K(i + 1) == "last" || K(i + 1) == "next") && K(i + 2) == "year") {
        int yy = a ? a->year + (K(i + 1) == "last" ? -1 : K(i + 1) == "next" ? 1 : 0) : 0;
        return emit(i, i + 3, v1::DATE, MonthVal(yy, m), "month-this-year");
      }
      // A bare month: "May" needs a lead-in, the others a capital.
      bool lead = (D(i - 1).flags & kMonthLeadIn) != 0;
      if (k == "may" && !lead) return false;
      if (k == "march" && !lead) return false;
      if (tokens_[i].sentence_start && !lead) return false;
      return emit(i, i + 1, v1::DATE, MonthVal(YearForMonth(m), m), "month");
    }

    // --- decades and centuries ---
    {
      size_t j = i;
      bool the = k == "the";
      if (the) ++j;
      if (K(j) == "early" || K(j) == "late" || K(j) == "mid") {
        ++j;
        if (IsHyph(j)) ++j;
      }
      Key d = K(j);
      if (IsNum(j) && d.size() == 5 && d[4] == 's' && d[3] == '0') {
        return emit(i, j + 1, v1::DATE, std::string(d.substr(0, 3)) + "X", "decade");
      }
      int cent = 0;
      if (IsNum(j) && (d.ends_with("th") || d.ends_with("st") || d.ends_with("nd") || d.ends_with("rd")) &&
          d.size() <= 4) {
        cent = std::atoi(std::string(d).c_str());
        size_t c = j + 1;
        if (IsHyph(c)) ++c;
        if (cent >= 1 && cent <= 22 && (K(c) == "century")) {
          return emit(i == j ? j : i, c + 1, v1::DATE, Fmt("%02dXX", cent - 1), "century");
        }
      }
    }

    // --- start/end/middle of <period> ---
    if (k == "the" || k == "start" || k == "end" || k == "beginning" || k == "middle") {
      size_t j = k == "the" ? i + 1 : i;
      Key w = K(j);
      if ((w == "start" || w == "end" || w == "beginning" || w == "middle" || w == "close" ||
           w == "turn") && K(j + 1) == "of") {
        size_t p = j + 2;
        int m = Month(p), y = 0;
        if (m) {
          size_t e = p + 1;
          if (Year(e, &y)) {
            ++e;
          } else if (K(e) == "this" && K(e + 1) == "year") {
            y = a ? a->year : 0;
            e += 2;
          } else if (K(e) == "last" && K(e + 1) == "year") {
            y = a ? a->year - 1 : 0;
            e += 2;
          } else {
            y = YearForMonth(m);
          }
          return emit(i, e, v1::DATE, MonthVal(y, m), "part-of-month");
        }
        if ((K(p) == "that" || K(p) == "the" || K(p) == "this") && K(p + 1) == "month") {
          int yy = ref_year_, mm = ref_month_;
          if (K(p) == "this" && a) yy = a->year, mm = a->month;
          if (yy > 0 && mm > 0) return emit(i, p + 2, v1::DATE, MonthValue(yy, mm), "part-of-ref-month");
          return emit(i, p + 2, v1::DATE, "XXXX-XX", "part-of-ref-month");
        }
        if (Year(p, &y)) return emit(i, p + 1, v1::DATE, YearOr(y), "part-of-year");
        if ((K(p) == "this" || K(p) == "that" || K(p) == "last" || K(p) == "next") && K(p + 1) == "year") {
          int yy = K(p) == "that" ? ref_year_ : a ? a->year + (K(p) == "last" ? -1 : K(p) == "next" ? 1 : 0) : 0;
          return emit(i, p + 2, v1::DATE, YearOr(yy), "part-of-year");
        }
      }
      // "the early months of 2015"
      if ((w == "early" || w == "late" || w == "first" || w == "last" || w == "final") &&
          K(j + 1) == "months" && K(j + 2) == "of") {
        int y = 0;
        if (Year(j + 3, &y)) return emit(i, j + 4, v1::DATE, YearOr(y), "months-of-year");
      }
    }
    // --- early/late/mid <year|this year|this month> ---
    if (k == "early" || k == "late" || k == "mid" || k == "earlier" || k == "later") {
      size_t j = i + 1;
      if (IsHyph(j)) ++j;
      int y = 0;
      if (Year(j, &y)) return emit(i, j + 1, v1::DATE, YearOr(y), "part-of-year");
      if ((K(j) == "this" || K(j) == "last" || K(j) == "next") && (K(j + 1) == "year" || K(j + 1) == "month")) {
        int d = K(j) == "last" ? -1 : K(j) == "next" ? 1 : 0;
        if (K(j + 1) == "year") return emit(i, j + 2, v1::DATE, YearOr(a ? a->year + d : 0), "part-of-this-year");
        if (a) {
          int yy = a->year, mm = a->month;
          AddMonths(&yy, &mm, d);
          return emit(i, j + 2, v1::DATE, MonthValue(yy, mm), "part-of-this-month");
        }
        return emit(i, j + 2, v1::DATE, "XXXX-XX", "part-of-this-month");
      }
    }

    // --- durations and "ago" ---
    {
      size_t j = i;
      bool the = false, bounded = false;
      if (k == "the") {
        the = true;
        ++j;
      }
      Key w = K(j);
      if (w == "past" || w == "last" || w == "next" || w == "coming" || w == "previous" ||
          w == "first" || w == "following") {
        bounded = true;
        ++j;
      } else if (the && w != "decades") {
        j = i;  // "the" only leads bounded durations and "the decades"
        the = false;
      }
      double n = -2;
      size_t after = j;
      bool vague = false, article = false;
      Key q = K(j);
      if (q == "a" && K(j + 1) == "few") {
        vague = true, after = j + 2;
      } else if (q == "a" && K(j + 1) == "couple" && K(j + 2) == "of") {
        n = 2, after = j + 3;
      } else if ((D(j).flags & kVague) && !(q == "those" && K(j - 1) != "all") && !(q == "these" || q == "some")) {
        vague = true, after = j + 1;
        if (q == "few" && K(j - 1) == "a") {}
      } else if (q == "all" && K(j + 1) == "those") {
        vague = true, after = j + 2;
      } else if (q == "half" && (K(j + 1) == "a" || K(j + 1) == "an")) {
        n = 0.5, after = j + 2;
      } else if (Number(j, &n, &after, true)) {
        article = (q == "a" || q == "an" || q == "one");
        // "3 and a half", "two and a half"
        if (K(after) == "and" && K(after + 1) == "a" && K(after + 2) == "half") {
          n += 0.5, after += 3;
        }
      } else {
        n = -2;
      }
      Unit u{"", false};
      bool have_number = n > -2 || vague;
      // "four to five weeks", "two or three days", "two- or three-day"
      if (have_number && !vague && (K(after) == "to" || K(after) == "or" ||
                                    (IsHyph(after) && (K(after + 1) == "or" || K(after + 1) == "to")))) {
        size_t m2 = after + (IsHyph(after) ? 2 : 1);
        double n2;
        size_t after2;
        if (Number(m2, &n2, &after2, false)) {
          if (IsHyph(after2)) ++after2;
          if (UnitAt(after2, &u)) {
            if (K(after2 + 1) == "-" || K(after2 + 1) == "old") return false;
            return emit(i, after2 + 1, v1::DURATION, DurationValue(u.code, -1), "duration-range");
          }
        }
      }
      // "an hour or two"
      if (article && UnitAt(after, &u) && K(after + 1) == "or" && D(after + 2).number >= 0) {
        return emit(i, after + 3, v1::DURATION, DurationValue(u.code, -1), "duration-or-n");
      }
      size_t unit_at = after;
      if (have_number && IsHyph(unit_at) && Glued(unit_at)) ++unit_at;  // "five-year"
      if (have_number && UnitAt(unit_at, &u)) {
        // Ages are not dates: "five-year-old", "7 years old".
        if (K(unit_at + 1) == "old" || (IsHyph(unit_at + 1) && K(unit_at + 2) == "old")) return false;
        if (K(unit_at + 1) == "ago") {
          if (vague || n < 0 || a == nullptr) return emit(i, unit_at + 2, v1::DATE, "PAST_REF", "ago-vague");
          int nn = static_cast<int>(n);
          std::string_view c = u.code;
          if (c == "Y") return emit(i, unit_at + 2, v1::DATE, YearOr(a->year - nn), "ago");
          if (c == "DE") return emit(i, unit_at + 2, v1::DATE, YearOr(a->year - 10 * nn), "ago");
          if (c == "M") {
            int yy = a->year, mm = a->month;
            AddMonths(&yy, &mm, -nn);
            return emit(i, unit_at + 2, v1::DATE, MonthValue(yy, mm), "ago");
          }
          if (c == "W") return emit(i, unit_at + 2, v1::DATE, IsoWeekValue(adays - 7 * nn), "ago");
          if (c == "D") return emit(i, unit_at + 2, v1::DATE, DayValue(CivilFromDays(adays - nn)), "ago");
          return emit(i, unit_at + 2, v1::DATE, "PAST_REF", "ago-vague");
        }
        if (K(i - 1) == "every" || K(i - 1) == "each") return false;
        if (article && !bounded && !the) {
          Key next = K(unit_at + 1);
          bool ctx = (D(i - 1).flags & kDurationLeadIn) || next == "before" || next == "after" ||
                     next == "later" || next == "earlier" || next == "long";
          if (!ctx || u.plural) return false;
        }
        if (!vague && !article && u.plural == (n == 1) && !(n == 0.5) && !IsHyph(after)) {
          // "1 years" is fine to accept; "two year" is usually an adjective
          // ("a two year plan") and still a duration.
        }
        std::string v = vague ? DurationValue(u.code, -1) : DurationValue(u.code, n);
        if (q == "recent") v = DurationValue(u.code, -1);
        return emit(i, unit_at + 1, v1::DURATION, v, vague ? "duration-vague" : "duration");
      }
      // "the past decade", "the last year": bounded with a singular unit.
      if (bounded && UnitAt(j, &u)) {
        if (!the && (u.code == "Y" || u.code == "M" || u.code == "W") && !u.plural && (K(i) == "last" || K(i) == "next")) {
          // "last year", "next month" are dates, handled below.
        } else {
          return emit(i, j + 1, v1::DURATION, u.plural ? DurationValue(u.code, -1) : DurationValue(u.code, 1),
                      "duration-bounded");
        }
      }
      // Bare plural units after a lead-in: "for years", "over the decades", "just days".
      if (!have_number && !bounded) {
        size_t b = i;
        bool lead = false;
        if (k == "the" && K(i + 1) == "decades") {
          lead = K(i - 1) == "over" || K(i - 1) == "for" || K(i - 1) == "across";
          b = i;
          if (lead) return emit(b, i + 2, v1::DURATION, "PXDE", "duration-bare");
        }
        if (UnitAt(i, &u) && u.plural && (u.code != "S")) {
          Key prev = K(i - 1);
          lead = prev == "for" || prev == "in" || prev == "over" || prev == "within" ||
                 prev == "just" || prev == "only" || prev == "mere";
          if (K(i + 1) == "of" && prev != "for") lead = false;
          if (lead) return emit(i, i + 1, v1::DURATION, DurationValue(u.code, -1), "duration-bare");
        }
      }
    }

    // --- sets ---
    if (k == "every" || k == "each" || k == "per") {
      size_t j = i + 1;
      if (K(j) == "single" || K(j) == "other") ++j;
      double n = 1;
      size_t after = j;
      if (!Number(j, &n, &after, false)) {
        n = 1;
        after = j;
      }
      Unit u{"", false};
      if (UnitAt(after, &u)) {
        if (K(j - 1) == "other") n = 2;
        return emit(i, after + 1, v1::SET, DurationValue(u.code, n), "set");
      }
      if (D(j).weekday >= 0) return emit(i, j + 1, v1::SET, "XXXX-WXX-" + std::to_string(D(j).weekday + 1), "set-weekday");
    }

    // --- this/last/next year|month|week|weekday|Month ---
    if (k == "this" || k == "last" || k == "next" || k == "coming" || k == "past") {
      int d = k == "last" || k == "past" ? -1 : k == "next" || k == "coming" ? 1 : 0;
      Key w = K(i + 1);
      if (w == "year") return emit(i, i + 2, v1::DATE, YearOr(a ? a->year + d : 0), "relative-year");
      if (w == "month") {
        if (!a) return emit(i, i + 2, v1::DATE, "XXXX-XX", "relative-month");
        int yy = a->year, mm = a->month;
        AddMonths(&yy, &mm, d);
        return emit(i, i + 2, v1::DATE, MonthValue(yy, mm), "relative-month");
      }
      if (w == "week" || w == "weekend") {
        if (!a) return emit(i, i + 2, v1::DATE, "XXXX-WXX", "relative-week");
        std::string v = IsoWeekValue(adays + 7 * d);
        if (w == "weekend") v += "-WE";
        return emit(i, i + 2, v1::DATE, v, "relative-week");
      }
      if (D(i + 1).weekday >= 0) {
        int wd = D(i + 1).weekday;
        if (!a) return emit(i, i + 2, v1::DATE, "XXXX-XX-XX", "relative-weekday");
        int64_t day = adays;
        int cur = Weekday(adays);
        if (d <= 0) {
          int back = (cur - wd + 7) % 7;
          if (back == 0 && d < 0) back = 7;
          day -= back;
        } else {
          int fwd = (wd - cur + 7) % 7;
          if (fwd == 0) fwd = 7;
          day += fwd;
        }
        return emit(i, i + 2, v1::DATE, DayVal(CivilFromDays(day).year, CivilFromDays(day).month,
                                                CivilFromDays(day).day), "relative-weekday");
      }
      if (int m = Month(i + 1)) {
        if (!a) return emit(i, i + 2, v1::DATE, Fmt("XXXX-%02d", m), "relative-month-name");
        int y = a->year;
        if (d < 0 && m >= a->month) --y;
        if (d > 0 && m <= a->month) ++y;
        return emit(i, i + 2, v1::DATE, MonthVal(y, m), "relative-month-name");
      }
    }
    if (k == "earlier" && K(i + 1) == "this" && K(i + 2) == "year") {
      return emit(i, i + 3, v1::DATE, YearOr(a ? a->year : 0), "relative-year");
    }

    // --- a bare weekday ---
    if (D(i).weekday >= 0 && Upper(i)) {
      if (!a) return emit(i, i + 1, v1::DATE, "XXXX-XX-XX", "weekday");
      int wd = D(i).weekday;
      int back = (Weekday(adays) - wd + 7) % 7;
      CivilDate c = CivilFromDays(adays - back);
      return emit(i, i + 1, v1::DATE, DayVal(c.year, c.month, c.day), "weekday");
    }

    // --- deictic words ---
    if (k == "now" || k == "today" || k == "nowadays" || k == "currently" || k == "presently") {
      if (k == "now" && K(i - 1) == "right") {}  // handled at "right"
      return emit(i, i + 1, v1::DATE, "PRESENT_REF", "present");
    }
    if (k == "right" && K(i + 1) == "now") return emit(i, i + 2, v1::DATE, "PRESENT_REF", "present");
    if (k == "recently" || k == "lately") return emit(i, i + 1, v1::DATE, "PAST_REF", "past");
    if (k == "soon") return emit(i, i + 1, v1::DATE, "FUTURE_REF", "future");
    if (k == "yesterday" || k == "tomorrow") {
      if (!a) return emit(i, i + 1, v1::DATE, "XXXX-XX-XX", "yesterday-tomorrow");
      CivilDate c = CivilFromDays(adays + (k == "yesterday" ? -1 : 1));
      return emit(i, i + 1, v1::DATE, DayValue(c), "yesterday-tomorrow");
    }

    // --- a year on its own ---
    {
      int y = 0;
      if (Year(i, &y) && !Glued(i) && !(i + 1 < tokens_.size() && Glued(i + 1) && K(i + 1) != "," &&
                                       !K(i + 1).empty() && K(i + 1) != "'" && K(i + 1) != ")" && K(i + 1) != "?" &&
                                       K(i + 1) != "!" && K(i + 1) != ";" && K(i + 1) != ":")) {
        Key prev = K(i - 1);
        bool lead = (D(i - 1).flags & kMonthLeadIn) || prev == "the" || prev == "(" || prev == "circa";
        if (y >= 1900 || lead) {
          // Counts: "2000 people". A year is rarely followed by a plural noun.
          if (D(i + 1).flags & kCountNoun) return false;
          return emit(i, i + 1, v1::DATE, Fmt("%04d", y), "year");
        }
      }
    }
    (void)h;
    return false;
  }

  std::string_view text_;
  const std::vector<Token>& tokens_;
  const KeyViews& keys_;
  const CivilDate* anchor_;
  const DateVocab& vocab_;
  const bool gated_;
  // D() by token index modulo kCache: the rules look at most a few tokens
  // around the current one.
  static constexpr size_t kCache = 64;
  struct CachedWord {
    size_t index;
    const DateWord* word;
  };
  mutable CachedWord cache_[kCache];
  int ref_year_ = 0, ref_month_ = 0;
  CivilDate ref_day_;
};

}  // namespace

std::optional<CivilDate> ParseIsoDate(std::string_view s) {
  if (s.size() < 10) return std::nullopt;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  if (s[4] != '-' || s[7] != '-') return std::nullopt;
  CivilDate d{std::stoi(std::string(s.substr(0, 4))), std::stoi(std::string(s.substr(5, 2))),
              std::stoi(std::string(s.substr(8, 2)))};
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > DaysInMonth(d.year, d.month)) {
    return std::nullopt;
  }
  return d;
}

std::optional<CivilDate> InferAnchor(std::string_view text, std::string* source) {
  auto find_date = [&](std::string_view window, const char* src) -> std::optional<CivilDate> {
    auto toks = Tokenize(window);
    ::google::protobuf::RepeatedPtrField<v1::DateMention> found;
    CodePointIndex cps(window);
    std::string key_storage;
    TagDates(window, toks, TokenKeyViews(window, toks, &key_storage), cps, nullptr, false, &found);
    for (const auto& m : found) {
      auto d = ParseIsoDate(m.value());
      if (d) {
        *source = src;
        return d;
      }
    }
    return std::nullopt;
  };
  // "This article first appeared in the 16 July 2014 issue of ..."
  size_t p = text.rfind("first appeared in");
  if (p == std::string_view::npos) p = text.rfind("originally published");
  if (p != std::string_view::npos) {
    auto d = find_date(text.substr(p, 80), "first_appeared");
    if (d) return d;
  }
  size_t nl = text.find('\n');
  std::string_view head = text.substr(0, std::min<size_t>(std::min(nl, text.size()), 300));
  return find_date(head, "dateline");
}

void TagDates(std::string_view text, const std::vector<Token>& tokens,
              const std::vector<std::string>& keys, const CodePointIndex& cps,
              const CivilDate* anchor, bool debug,
              ::google::protobuf::RepeatedPtrField<v1::DateMention>* out) {
  TagDates(text, tokens, ViewsOf(keys), cps, anchor, debug, out);
}

void TagDates(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
              const CodePointIndex& cps, const CivilDate* anchor, bool debug,
              ::google::protobuf::RepeatedPtrField<v1::DateMention>* out) {
  Scanner s(text, tokens, keys, anchor);
  s.Run(cps, debug, out);
}

void TagDatesUngatedForTest(std::string_view text, const std::vector<Token>& tokens,
                            const KeyViews& keys, const CodePointIndex& cps,
                            const CivilDate* anchor, bool debug,
                            ::google::protobuf::RepeatedPtrField<v1::DateMention>* out) {
  Scanner s(text, tokens, keys, anchor, /*gated=*/false);
  s.Run(cps, debug, out);
}

}  // namespace tidings::enrich
