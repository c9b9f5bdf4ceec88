// Token facts and resolution helpers shared by the rule families.

#include "enrich/dates_scanner.h"

namespace tidings::enrich::dates {

bool Scanner::IsHyph(size_t i) const { return i < n_ && IsHyphenToken(text_, tokens_[i]); }

bool Scanner::IsStop(size_t i) const {
  return i < n_ && tokens_[i].kind == TokenKind::kPunct && text_[tokens_[i].begin_byte] == '.';
}

// An integer from digits ("17", "1,200") or words ("seventeen", "twenty-five",
// "a hundred"). Sets *next past it.
bool Scanner::Number(size_t i, double* v, size_t* next, bool allow_article) const {
  Key k = K(i);
  if (IsNum(i)) {
    // Digits with thousands separators and at most one decimal point ("1.5"),
    // read from the text: the key has no '.'.
    uint64_t value = 0, scale = 1;
    size_t digits = 0;
    bool point = false;
    for (char c : Raw(i)) {
      if (c >= '0' && c <= '9') {
        if (++digits <= 9) value = value * 10 + static_cast<uint64_t>(c - '0');
        if (point) scale *= 10;
      } else if (c == '.' && !point) {
        point = true;
      } else if (c != ',' || point) {
        return false;
      }
    }
    if (digits == 0 || digits > 9 || scale > 1000) return false;
    *v = static_cast<double>(value) / static_cast<double>(scale);
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
    // twenty-five; spoken, "twenty four"
    if (val >= 20 && IsHyph(j + 1) && D(j + 2).number >= 0 && D(j + 2).number < 10) {
      val += D(j + 2).number;
      j += 2;
    } else if (val >= 20 && static_cast<int>(val) % 10 == 0 && D(j + 1).number > 0 && D(j + 1).number < 10) {
      val += D(j + 1).number;
      j += 1;
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
bool Scanner::DayNum(size_t i, int* d) const {
  if (!IsNum(i) || Raw(i).size() != K(i).size()) return false;  // not "1.5"
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

bool Scanner::Year(size_t i, int* y) const {
  if (!IsNum(i)) return false;
  Key k = K(i);
  if (k.size() != 4 || Raw(i).size() != 4) return false;  // not "19.69"
  int v = 0;
  for (char c : k) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v < 1000 || v > 2199) return false;
  *y = v;
  return true;
}

int Scanner::Month(size_t i, size_t* next) const {
  const int month = D(i).month;
  if (month == 0) return 0;
  const Key key = K(i);
  const Key p = K(i - 1);
  // A month that names an event ("the January Events of 1991", "the
  // October Revolution"): no date.
  static const WordSet kEventNouns = {"revolution", "events", "uprising", "massacre", "crisis", "war",
                                      "offensive", "accords", "agreement", "manifesto", "days", "movement",
                                      "putsch", "coup", "constitution", "declaration", "revolt", "rising"};
  if (p == "the" && Upper(i) && Upper(i + 1) && kEventNouns.Has(K(i + 1))) return 0;
  const bool lead = p == "in" || p == "since" || p == "until" || p == "till" || p == "by" || p == "last" ||
                    p == "next" || p == "early" || p == "late" || p == "mid" || p == "from" || p == "during" ||
                    p == "through" || p == "almost" || p == "nearly";
  if (!Upper(i)) {
    // In lower case, as comments write it: before a year or a day ("april
    // 2022", "jan 6"), or a full name after a time preposition ("in
    // january"; not "may" nor "march", a verb as often).
    int y = 0, d = 0;
    const size_t at = K(i + 1).empty() && Glued(i + 1) ? i + 2 : i + 1;  // "jan. 6"
    // "may" and "march" are verbs as often: before a day only after a lead-in
    // or "on" ("on may 28", not "they march 3 abreast"), "may" never alone;
    // "march" alone after a lead-in but "through" ("till march", "by march
    // im moving"), not before a verb's particle ("in march on the capital").
    static const WordSet kMarchesOn = {"on", "to", "into", "through", "past", "along", "against", "for",
                                       "in", "out", "up", "down", "with", "from", "towards", "toward", "the"};
    const bool verb = key == "may" || (key == "march" && !(lead && p != "through" && !kMarchesOn.Has(K(i + 1))));
    const bool day = DayNum(at, &d) && (!verb || lead || p == "on");
    if (!(Year(at, &y) || day) && !(lead && !verb)) return 0;
  }
  const std::string_view raw = text_.substr(tokens_[i].begin_byte, tokens_[i].end_byte - tokens_[i].begin_byte);
  size_t after = i + 1;
  if (raw.size() <= 4 && raw.size() < key.size() + 1 && key.size() <= 4 && key != "may" &&
      key != "june" && key != "july") {
    // Abbreviations ("Jan", "Sept") must be followed by '.' or a number,
    // or come after a time preposition ("on the plane to india in feb",
    // "since Aug"; not "265-7 dec", a declared innings); the
    // abbreviation's full stop belongs to the span ("Feb. 28").
    if (!(IsNum(i + 1) || K(i + 1).empty() || (lead && AbbreviationEndsPhrase(i)))) return 0;
    if (IsStop(i + 1) && Glued(i + 1)) after = i + 2;
  }
  if (next != nullptr) *next = after;
  return month;
}

// A month's abbreviation at i after a time preposition alone, with no stop
// or day, ends its phrase: not before a possessive or a name's joiner
// ("Jun's village", "Mar del Plata"), nor a capitalised word. The ones
// that are given names too ("Jan", "Jun", "Mar") only before a sign, the
// end or a word that begins the clause's next part ("and", "to", "that"),
// and not after "by" ("Written by Jan, the report", "a message from jun
// about", "Ever since Jan joined").
bool Scanner::AbbreviationEndsPhrase(size_t i) const {
  const Key k = K(i), next = K(i + 1), p = K(i - 1);
  if (i + 1 >= n_ || tokens_[i + 1].line_break_before) return true;
  if (Upper(i + 1) || next == "'s" || next == "'" || next == "del" || next == "de" || next == "la") return false;
  if (!(k == "jan" || k == "jun" || k == "mar")) return true;
  if (p == "by") return false;
  return tokens_[i + 1].kind == TokenKind::kPunct || next == "and" || next == "or" || next == "to" ||
         next == "that" || next == "when" || next == "as" || next == "after" || next == "before" ||
         next == "for" || next == "until" || next == "through";
}

// Unknown tense: the nearer of the months before and after the anchor (a
// tie goes to the past).
int Scanner::YearForMonth(int m, Tense t) const {
  if (anchor_ == nullptr) return 0;
  if (t == Tense::kFuture) return m >= anchor_->month ? anchor_->year : anchor_->year + 1;
  if (t == Tense::kPast) return m <= anchor_->month + 1 ? anchor_->year : anchor_->year - 1;
  const int diff = m - anchor_->month;
  return diff >= 6 ? anchor_->year - 1 : diff < -6 ? anchor_->year + 1 : anchor_->year;
}

// The nearest explicit year at most 12 tokens back in the sentence, or
// "this year", "last year" or "next year" (a year
// further back is often another clause's: "Under a program approved in
// 1987 that didn't specify an amount, Nashua had bought shares through
// Sept. 29").
int Scanner::SentenceYear(size_t i, bool* deictic) const {
  constexpr size_t kBack = 12;
  for (size_t j = i; j > 0 && i - j < kBack && !tokens_[j].sentence_start;) {
    --j;
    // A full stop before a word ends a sentence the splitter kept whole (a
    // comment's lower-case one: "in april 2022. it happened in january");
    // an abbreviation's before a number does not ("Sept. 29").
    if (Raw(j) == "." && j + 1 < n_ && tokens_[j + 1].kind == TokenKind::kWord) return 0;
    int y = 0;
    bool year = Year(j, &y);
    // Not a year an open stretch starts from ("has represented the
    // Netherlands since 2009, qualified ... in April").
    if (year && K(j - 1) == "since") return 0;
    // The last mention took a year from before it: so does this one
    // ("from May until late October").
    if (emit_year_ > 0 && emit_end_ == j + 1) return emit_year_;
    // Or the story's year named from it ("the third strike this year,
    // after walkouts in March and July"; "last year", "next year").
    // (Not a noun's year, "next year's licences", nor an apposition's:
    // "Jeonbuk, champions last year, led the table for most of October".)
    // (Nor a length of time: "over the last year", "within the next year".)
    const Key d = K(j - 1), d2 = K(j - 2);
    if (!year && anchor_ != nullptr && j >= 1 && K(j) == "year" && (d == "this" || d == "last" || d == "next") &&
        d2 != "since" && K(j + 1) != "'s" && K(j + 1) != "'" && d2 != "," && K(j - 3) != "," && d2 != "the" &&
        d2 != "over" && d2 != "past" && d2 != "within") {
      if (deictic != nullptr) *deictic = true;
      y = anchor_->year + (d == "last" ? -1 : d == "next" ? 1 : 0);
      year = true;
    }
    if (year) {
      // Another date between the year and this one ("in early 2011, in the
      // 19th century, by the end of July"): not its year.
      const bool inside = j >= emit_begin_ && j < emit_end_;
      return !inside && emit_end_ > j ? 0 : y;
    }
  }
  return 0;
}

// A future clause takes a year of the sentence only when it is not past
// ("In 2030 it will open in June"; not "the 2019 budget will pass in May"),
// nor the story's own year for a month of it already gone ("will present
// its report for 2026 in Aigle in January", written in November 2026).
int Scanner::ClauseYear(size_t i, Tense t, int m, int d) const {
  bool deictic = false;
  const int y = SentenceYear(i, &deictic);
  // A day's year is not "this year"'s or "next year"'s, often another
  // clause's ("one more cut in the first half of next year, most likely
  // after the Federal Reserve's decision on Dec. 9"), nor a month a
  // deadline or a start looks ahead to ("Last year the board agreed to
  // raise prices from January").
  if (deictic) {
    const Key p = K(i - 1);
    if (d > 0 || p == "from" || p == "by" || p == "until" || p == "till" || p == "before" || p == "through")
      return 0;
  }
  if (t != Tense::kFuture || anchor_ == nullptr) return y;
  if (y < anchor_->year) return 0;
  // (Only for a time adverbial's month, "in January"; "will restate its
  // 2026 results for March and April" keeps the year.)
  const Key p = K(i - 1);
  const bool adverbial = p == "in" || p == "on" || p == "by" || p == "from" || p == "until" || p == "early" ||
                         p == "late" || p == "mid";
  const bool gone = m < anchor_->month || (m == anchor_->month && d > 0 && d < anchor_->day);
  return y == anchor_->year && gone && adverbial ? 0 : y;
}

int Scanner::DayYearAt(size_t i, int m, int d) const {
  if (const int y = LinkedYear(i, m, d); y > 0) {
    year_taken_ = y;
    return y;
  }
  const Tense t = TenseBefore(i);
  const int y = ClauseYear(i, t, m, d);
  year_taken_ = y;
  return y > 0 ? y : d > 0 ? YearForDay(m, d, t) : YearForMonth(m, t);
}

int Scanner::YearForDay(int m, int d, Tense t) const {
  if (anchor_ == nullptr) return 0;
  if (t == Tense::kFuture) {
    const bool ahead = m > anchor_->month || (m == anchor_->month && d >= anchor_->day);
    return ahead ? anchor_->year : anchor_->year + 1;
  }
  if (t == Tense::kPast) return YearForMonth(m, t);
  int best = anchor_->year - 1;
  int64_t best_gap = INT64_MAX;
  for (int y = anchor_->year - 1; y <= anchor_->year + 1; ++y) {
    const int64_t gap = DaysFromCivil(y, m, std::min(d, DaysInMonth(y, m))) - adays_;
    if ((gap < 0 ? -gap : gap) < best_gap) best = y, best_gap = gap < 0 ? -gap : gap;
  }
  return best;
}

// A personal pronoun that begins a clause as its subject.
static bool IsSubjectPronoun(Key k) {
  return k == "i" || k == "we" || k == "he" || k == "she" || k == "they" || k == "you" || k == "u" || k == "it";
}

// "sit" and "go" in senses of no schedule: a level or an origin ("Inflation
// sits at 2.3% in October", "The story goes back to June"); "go" is a
// schedule's only on its way somewhere ("goes to the polls", "go on trial",
// "goes ahead"; not "goes wrong", "the saying goes").
static bool NoSchedule(Key k, Key next) {
  if (k == "sits" || k == "sit") return next == "at";
  // "takes" only of a change's day ("the increase, which takes effect on
  // Jan. 1", "takes office on Jan. 20", "takes place on Friday"; not "it
  // takes three days", nor "takes over top spot after Saturday's win").
  if (k == "takes") return !(next == "effect" || next == "office" || next == "place");
  if (k == "goes" || k == "go") return !(next == "to" || next == "on" || next == "ahead" || next == "into");
  return false;
}

// The plain present of a plural subject, a schedule: "India play
// Australia on Thursday", "polls close at 4 p.m. on Sunday", "before
// conditions worsen on Thursday", "talks resume on Monday". The subject:
// a capitalised name within the sentence, a plural noun or "they"/"we";
// not a noun after a determiner ("the vote on Sunday", "a visit").
bool Scanner::ScheduledPresent(size_t j) const {
  const Key k = K(j);
  if (j == 0 || tokens_[j].upper || NoSchedule(k, K(j + 1))) return false;
  const Key b = K(j - 1), det = j >= 2 ? K(j - 2) : Key();
  // A modifier after a determiner makes the word a noun ("An Israeli
  // strike on Tuesday", "The Senate vote on Tuesday", "this visit").
  const bool noun = det == "a" || det == "an" || det == "the" || det == "this" || det == "that" ||
                    b == "this" || b == "thus";
  // A capitalised subject may open the sentence ("India play Australia on
  // Thursday."), but not a determiner ("The vote on Sunday ...").
  const bool opener = b == "the" || b == "a" || b == "an" || b == "this" || b == "that" || b == "these" ||
                      b == "those" || b == "his" || b == "her" || b == "its" || b == "their" || b == "our";
  const bool name = tokens_[j - 1].upper && !(tokens_[j - 1].sentence_start && opener) &&
                    !D(j - 1).Is(kWeekdayWord | kMonthWord) && !noun;
  const bool plural = b.size() > 3 && b.back() == 's' && !b.ends_with("ss") && !b.ends_with("'s") &&
                      (!tokens_[j - 1].upper || tokens_[j - 1].sentence_start) && !D(j - 1).Is(kUnitWord);
  // (Or a relative pronoun, whose plain verb says its noun is plural:
  // "the Davis Cup Finals, which begin on Tuesday"; or a change's day
  // after its subject's clause: "The rules, approved on Monday, take
  // effect on January 1".)
  const bool change = k == "take" && b == "," && (K(j + 1) == "effect" || K(j + 1) == "office");
  return !noun && (name || plural || change || b == "they" || b == "we" || b == "which" || b == "who");
}

// The tense token j signals, kUnknown for most tokens: a modal or planning
// word ("will", "is going to", "scheduled", "upcoming", "next") or a present
// progressive ("is meeting") is future; an auxiliary or past form ("was",
// "had", "said", "attacked") past.
Tense Scanner::CueAt(size_t j) const {
  const Key k = K(j);
  const DateWord& w = D(j);
  if (w.Is(kFutureCue)) {
    // "runs", "moves", "votes" after a count or a determiner are nouns
    // ("scored 120 runs on Saturday", "his moves").
    if ((k == "runs" || k == "moves" || k == "votes") && j > 0 &&
        (IsNum(j - 1) || D(j - 1).Is(kNumberWord) || K(j - 1) == "the" || K(j - 1) == "his" ||
         K(j - 1) == "her" || K(j - 1) == "their" || K(j - 1) == "its" || K(j - 1) == "of")) {
      return Tense::kUnknown;
    }
    // "going", "set", "due" only as "going to", "set to|for", "due to|on|in";
    // "plan(s)" only as "plans to" (not "vacation plans")
    const Key n = K(j + 1);
    // (A noun's "plan to" after a determiner or a possessive says nothing of
    // the clause: "a milestone for the sultanate's plan to turn ...".)
    if (k == "plan" || k == "plans" || k == "likely") {
      const Key b = K(j - 1);
      const bool noun = b == "the" || b == "a" || b == "its" || b == "his" || b == "her" || b == "their" ||
                        b == "our" || b == "s" || b == "'s";
      return n == "to" && !(k != "likely" && noun) ? Tense::kFuture : Tense::kUnknown;
    }
    // A level or an origin, no schedule: "Inflation sits at 2.3% in
    // October", "The story goes back to June".
    if (NoSchedule(k, n)) return Tense::kUnknown;
    if (!(k == "going" || k == "set" || k == "due")) return Tense::kFuture;
    // "reports were due on Saturday": due then, past now.
    if (k == "due" && (K(j - 1) == "was" || K(j - 1) == "were")) return Tense::kPast;
    if (n == "to" || (k != "going" && (n == "for" || n == "on" || n == "in"))) return Tense::kFuture;
    // "set sentencing for June 12", "set a pre-trial review for April 30":
    // "for" right before a date ("set aside ... for his family", "set
    // Friday as the deadline for" are the past).
    if (k == "set") {
      for (size_t f = j + 2; f <= j + 6 && f + 1 < n_ && !tokens_[f].sentence_start; ++f) {
        const Key a = K(f + 1);
        if (K(f) == "for" && (IsNum(f + 1) || D(f + 1).Is(kMonthWord | kWeekdayWord) || a == "next" ||
                              a == "early" || a == "late" || a == "mid")) {
          return Tense::kFuture;
        }
        if (K(f) == "," || K(f) == "and" || K(f) == "for") break;
      }
    }
    return Tense::kUnknown;
  }
  if (k.ends_with("'ll")) return Tense::kFuture;
  // "would" and "could" in reported speech are the future of the report
  // ("said schools would remain closed through Wednesday", "warned that
  // strikes could follow"): a reporting verb before them in the sentence.
  // Elsewhere they say nothing of the time ("he would often visit").
  if (k == "would" || k == "could") {
    for (size_t b = j; b > 0 && j - b < 8 && !tokens_[b].sentence_start;) {
      --b;
      const Key r = K(b);
      if (r == "said" || r == "says" || r == "told" || r == "warned" || r == "announced" || r == "added" ||
          r == "confirmed" || r == "predicted" || r == "promised" || r == "indicated")
        return Tense::kFuture;
    }
    // Or the report after it ("The storm could bring snow late Saturday,
    // forecasters said"); not a past ability or a conditional past ("could
    // not attend", "could have died", "could see the smoke on Sunday").
    // Nor a narrative's or a habit's "would" ("would later collapse",
    // "would go on to win", "would strike on May 1 every year"), nor what
    // "could be seen" then.
    const Key n = K(j + 1), n2 = K(j + 2);
    if (n == "not" || n == "n't" || n == "have" || n == "never" || n == "only" || n == "hardly" || n == "see" ||
        n == "hear" || n == "feel" || n == "smell" || n == "tell" || n == "still" || n == "barely" ||
        n == "later" || n == "often" || n == "usually" || n == "always" || n == "then" || n == "sometimes" ||
        (n == "go" && n2 == "on") ||
        (n == "be" && (n2 == "seen" || n2 == "heard" || n2 == "felt" || n2 == "smelled" || n2 == "found")))
      return Tense::kUnknown;
    for (size_t a = j + 2; a < n_ && a <= j + 16 && !tokens_[a].sentence_start; ++a) {
      if (K(a) == ";" || K(a) == ":" || K(a) == "every" || K(a) == "each") break;
      if (Attribution(a)) return Tense::kFuture;
    }
    return Tense::kUnknown;
  }
  // A scheduled event: "Elections are on Thursday", "the vote is on May 5".
  if ((k == "is" || k == "are") && K(j + 1) == "on") return Tense::kFuture;
  // "has" and "have" are the perfect's only before a participle ("has said",
  // "have already met", "has been"): "has until Friday", "have a meeting on
  // Monday" say nothing of the time.
  if (k == "has" || k == "have") {
    for (size_t p = j + 1; p <= j + 2 && p < n_; ++p) {
      const Key n = K(p);
      if (PastForm(n) || D(p).Is(kPastCue) || IsParticiple(n)) return Tense::kPast;
      if (!(n == "not" || n == "n't" || n == "already" || n == "never" || n == "just" || n == "also" ||
            n == "since" || n == "long" || n == "recently")) break;
    }
    return Tense::kUnknown;
  }
  // "ahead of the weekend", "ahead of Sunday's vote".
  if (k == "ahead" && K(j + 1) == "of") return Tense::kFuture;
  if (w.Is(kScheduleVerb) && ScheduledPresent(j)) return Tense::kFuture;
  // A passive participle ("to be completed", "would be paid", "is heard in
  // May", "will stay closed", "remains shut") has the tense of the words
  // before "be", "is", "stay" or "remain".
  const Key before = K(j - 1);
  // "..., followed by Altum on Wednesday": a list's link, no verb of the
  // clause; its tense is the one before it. (Not other participles with
  // their agent: "The law, passed by parliament on June 12, comes into force
  // next week" is the past.)
  if (before == "," && k == "followed" && K(j + 1) == "by") return Tense::kUnknown;
  const bool adverb = k == "since" || k == "ago" || k == "earlier" || k == "yesterday";
  if ((PastForm(k) || w.Is(kPastCue)) && !adverb &&
      (before == "be" || before == "being" || before == "is" || before == "are" || before == "stay" ||
       before == "stays" || before == "remain" || before == "remains")) {
    return Tense::kUnknown;
  }
  // "the left", "the far left", "the Western left (deny ...)": the noun, not
  // the verb ("the Americans left in June", "the British left India").
  if (k == "left" && j > 0 &&
      (before == "the" || before == "far" ||
       (tokens_[j - 1].upper && K(j - 2) == "the" && !before.ends_with("s") && j + 1 < n_ &&
        !tokens_[j + 1].upper && !D(j + 1).Is(kRangeWord) && K(j + 1) != "in" && K(j + 1) != "on"))) {
    return Tense::kUnknown;
  }
  // A past form after a hyphen is an adjective ("Saudi-led"); so is a
  // regular one after a determiner, or a name when capitalised within a
  // sentence ("the revised budget", "my fixed rate", "the United States").
  if ((PastForm(k) || w.Is(kPastCue)) && before == "-") return Tense::kUnknown;
  if (PastForm(k) && !w.Is(kPastCue) &&
      (before == "a" || before == "an" || before == "the" || before == "its" || before == "their" ||
       before == "his" || before == "her" || before == "my" || before == "our" || before == "your" ||
       (tokens_[j].upper && !tokens_[j].sentence_start))) {
    return Tense::kUnknown;
  }
  if (w.Is(kPastCue) || PastForm(k)) return Tense::kPast;
  if (IngForm(k)) {
    // "is meeting on Thursday", "would be travelling Thursday"
    if (before == "is" || before == "are" || before == "am" || before == "'s" || before == "be") return Tense::kFuture;
  }
  return Tense::kUnknown;
}

// A word before the date at `from` that looks ahead from the clause's verb:
// "by", "before", "from", "until", "starting", "as soon as". ("voted to
// impeach the president on Tuesday", "agreed to raise output in September"
// date the vote and the agreement.)
bool Scanner::ForwardLead(size_t from) const {
  const Key p = K(from - 1);
  return p == "by" || p == "before" || p == "from" || p == "until" || p == "till" || p == "starting" ||
         p == "beginning" || AsAsBefore(from) == "soon";
}

// "to" at j and a verb after it, after a verb whose infinitive lies ahead of
// it ("urged people to book before December", "agreed to debate every month
// from May"): a date after a forward-looking word (ForwardLead) is in the
// future of a past verb.
bool Scanner::InfinitiveAhead(size_t j) const {
  if (K(j) != "to" || j + 1 >= n_) return false;
  const Key v = K(j + 1);
  // (A verb of a schedule's is a verb here: "agreed to meet them before
  // Jan. 31"; a word of a date is none: "to March".)
  constexpr uint32_t kVerbClasses = kFutureCue | kScheduleVerb | kDirectiveVerb | kMoveVerb;
  if (tokens_[j + 1].kind != TokenKind::kWord || Upper(j + 1) || (D(j + 1).cls & ~kVerbClasses) != 0 || v == "the" || v == "a" ||
      v == "an" || v == "his" || v == "her" || v == "their" || v == "its" || v == "this" || v == "that") {
    return false;
  }
  // The verb, or the verb and its object ("asked the council to", "told
  // residents to"); not in the passive, whose infinitive is often what was
  // done then ("residents were ordered to evacuate on Sunday").
  for (size_t b = j; b > 0 && j - b < 4 && !tokens_[b].sentence_start;) {
    --b;
    if (D(b).Is(kDirectiveVerb)) {
      const Key a = K(b - 1);
      if (a == "was" || a == "were" || a == "been" || a == "be" || a == "is" || a == "are" || a == "being") return false;
      // Nor after a pluperfect or a date of its own clause before it: the
      // time is then the past's ("had agreed to vacate the building by
      // Friday, but many stayed", "Last year the board agreed to raise
      // prices from January"; not "began on Wednesday, and officials urged
      // people to book before December").
      if (a == "had") return false;
      if (emit_end_ > 0 && emit_end_ <= b) {
        size_t c = emit_end_;
        while (c <= b && !tokens_[c].sentence_start && K(c) != ",") ++c;
        if (c > b) return false;
      }
      return true;
    }
    if (K(b) == "," || D(b).cls != 0) return false;
  }
  return false;
}

// "to" and a verb at most four tokens after the date at i: what is due by
// then ("until 9 a.m. Tuesday to sign").
bool Scanner::DueAfter(size_t i) const {
  for (size_t j = i + 1; j < n_ && j <= i + 4 && !tokens_[j].sentence_start; ++j) {
    if (K(j) == "to") return j + 1 < n_ && tokens_[j + 1].kind == TokenKind::kWord && !Upper(j + 1);
    if (K(j) == "," || K(j) == ";") return false;
  }
  return false;
}

// The mention before the one that starts at `from`, when this one goes on
// from it: in the same sentence, right after a link and a preposition at
// most ("late Saturday or early Sunday", "from 29 March to 24 October",
// "this year through August"; not "payable Dec. 7 to stock of record Nov.
// 22", nor the end of a move, "moved from June to May"). *prev: its day, with month or day 0 for a month's or a year's
// value; *range: the link ends a range ("to", "until", "through", a
// hyphen), else it joins alternatives ("and", "or").
bool Scanner::LinkedPrevious(size_t from, CivilDate* prev, bool* range) const {
  if (emit_date_.year <= 0 || anchor_ == nullptr || emit_end_ >= from || from - emit_end_ > 2 || from >= n_ ||
      tokens_[from].sentence_start || tokens_[emit_end_].sentence_start) {
    return false;
  }
  const Key link = K(emit_end_);
  *range = link == "to" || link == "until" || link == "till" || link == "through" || IsHyph(emit_end_);
  if (!(*range || link == "and" || link == "or")) return false;
  if (from - emit_end_ == 2) {
    const Key p = K(emit_end_ + 1);
    if (!(p == "on" || p == "in" || p == "by" || p == "at" || p == "from" || p == "the")) return false;
  }
  // A move is no range: "brought forward from Thursday to Tuesday", "moved
  // from June 20 to May 24".
  if (*range && emit_begin_ >= 2 && K(emit_begin_ - 1) == "from") {
    for (size_t b = emit_begin_ - 1; b > 0 && emit_begin_ - b <= 4 && !tokens_[b].sentence_start;) {
      --b;
      if (D(b).Is(kMoveVerb)) return false;
    }
  }
  *prev = emit_date_;
  return true;
}

CivilDate CalendarPart(std::string_view v) {
  auto digits = [&](size_t at, size_t n) {
    int x = 0;
    for (size_t c = at; c < at + n; ++c) {
      if (c >= v.size() || v[c] < '0' || v[c] > '9') return -1;
      x = x * 10 + (v[c] - '0');
    }
    return x;
  };
  CivilDate d{digits(0, 4), 0, 0};
  if (d.year <= 0 || v.size() == 4) return d.year > 0 ? d : CivilDate{};
  if (v.size() < 7 || v[4] != '-' || (d.month = digits(5, 2)) < 1 || d.month > 12) return {};
  if (v.size() == 7) return d;
  if (v.size() < 10 || v[7] != '-' || (d.day = digits(8, 2)) < 1 || !(v.size() == 10 || v[10] == 'T')) return {};
  return d;
}

// The year of month m (day d, 0 for a month's) that goes on from the
// linked mention before it (LinkedPrevious): the end of a range the first
// not before its start; an alternative after it in the same year (one
// before it has its own reading); after a year only
// the anchor's ("sales this year through August"); a month only after a
// month, a day after a day. 0: none.
int Scanner::LinkedYear(size_t i, int m, int d) const {
  CivilDate p;
  bool range = false;
  if (!LinkedPrevious(i, &p, &range)) return 0;
  if (p.month == 0) return range && p.year == anchor_->year && !IsHyph(emit_end_) ? p.year : 0;
  // A month goes on from a month, a day from a day ("a revision Friday to
  // December's figures", "the race moves from June to May 24" are no
  // ranges).
  if ((d == 0) != (p.day == 0)) return 0;
  // Months counted from the previous one's, days within the month.
  const int dm = m - p.month;
  const bool before = dm < 0 || (dm == 0 && d > 0 && p.day > 0 && d < p.day);
  if (range) return before ? p.year + 1 : p.year;
  // A list runs forward in the year ("in March and November"); one that
  // turns back ("in November and January") has its own reading.
  return before ? 0 : p.year;
}

// A reporting verb at most three words after a comma ("..., Castro said",
// "..., the ministry said"), the words of a name not counted ("..., its
// distributor Moonrise Pictures said", "..., Economy Minister José Gabriel
// Espinoza said").
// (Not a comma at or before `not_at`: the one right after a date that
// opens its sentence, "On Monday, Prime Minister Keir Starmer said he will
// visit", leaves the report the date's.)
bool Scanner::Attribution(size_t j, size_t not_at) const {
  const Key k = K(j);
  if (!(k == "said" || k == "says" || k == "told" || k == "added" || k == "reported")) return false;
  size_t words = 0;
  for (size_t b = j; b > 0 && j - b < 9 && words < 3;) {
    --b;
    if (K(b) == ",") return b > not_at;
    if (!Upper(b) || tokens_[b].sentence_start) ++words;
  }
  return false;
}

// The nearest cue in the same sentence decides, at most kTenseWindow tokens
// back, else the first cue at most kTenseWindow tokens ahead ("Through Oct.
// 19, the funds had ..."), else "until", "till" or "through" right before
// the date (a bound ahead: "runs through June": future). kUnknown without
// any.
Tense Scanner::TenseAround(size_t from, size_t i) const {
  constexpr size_t kTenseWindow = 10;
  // The day a change takes effect is not the announcing verb's ("created
  // an office of the chairman, effective Feb. 1"): the nearest reading.
  if (from > 0 && K(from - 1) == "effective") return Tense::kUnknown;
  bool bound = false, to_bound = false;
  // A weekday's possessive names an event already set ("get around
  // Wednesday's ruling"): a report's "would" is not its tense.
  const bool possessive = K(i + 1) == "'" && K(i + 2) == "s";
  // The window counts the words of the clause, not those of the names in
  // it ("will be presented at the American Heart Association's Scientific
  // Sessions in Chicago on Tuesday"), nor a per cent sign, one word with its
  // figure ("had eased to 5.4% from a peak of 7.9% in February"), nor a
  // compound's hyphen ("will present its anti-doping report for 2026 in
  // Aigle in January").
  // (At most three windows of tokens in all: a line in capitals has no
  // lower-case word to count.)
  size_t counted = 0;
  for (size_t j = from; j > 0 && counted < kTenseWindow && from - j < 3 * kTenseWindow && !tokens_[j].sentence_start;) {
    --j;
    const bool name_part = (Upper(j) && !tokens_[j].sentence_start) || K(j) == "'" || K(j) == "s" || K(j) == "'s";
    const bool per_cent = Raw(j) == "%" && j > 0 && IsNum(j - 1) && Glued(j);
    const bool compound = IsHyph(j) && Glued(j) && Glued(j + 1);
    // (A compound is one word: its part after the hyphen is not counted,
    // "two-legged promotion-relegation play-offs".)
    const bool second_part = j >= 1 && IsHyph(j - 1) && Glued(j) && Glued(j - 1);
    if (!name_part && !per_cent && !compound && !second_part) ++counted;
    if (possessive && (K(j) == "would" || K(j) == "could")) continue;
    // A reader's "see you" before the date in its clause ("see you at the
    // Final Four in May", "see u all in sydney saturday", "see yall
    // monday"; not "see you on
    // may 28, remember jan 6?").
    // (Not "I didn't see you", "did not see you", "never see you".)
    if (K(j) == "see" && (K(j + 1) == "you" || K(j + 1) == "u" || K(j + 1) == "ya" || K(j + 1) == "yall") &&
        (j == 0 || tokens_[j].sentence_start ||
         (K(j - 1) != "to" && K(j - 1) != "i" && K(j - 1) != "we" && K(j - 1) != "can" && K(j - 1) != "could" &&
          K(j - 1) != "not" && K(j - 1) != "n't" && K(j - 1) != "never" && K(j - 1) != "didn't" &&
          K(j - 1) != "didnt" && K(j - 1) != "dont" && K(j - 1) != "don't"))) {
      bool comma = false;
      for (size_t c = j + 2; c < from && !comma; ++c) comma = K(c) == ",";
      if (!comma) return Tense::kFuture;
    }
    if (j + 1 < from && ForwardLead(from) && InfinitiveAhead(j)) return Tense::kFuture;
    // "results day is 13 August", "the opening night is Saturday", "kick-off
    // is at 12.30pm": a present copula right before the date sets it.
    if ((K(j) == "is" || K(j) == "are") &&
        (j + 1 == from || (j + 2 == from && (K(j + 1) == "on" || K(j + 1) == "at" || K(j + 1) == "in")))) {
      return Tense::kFuture;
    }
    // A compound's second part is no verb ("two-legged play-offs on
    // Thursday", "state-owned"), but a prefix's ("re-elected", "co-hosted").
    if (second_part && j >= 2 && !(K(j - 2) == "re" || K(j - 2) == "co" || K(j - 2) == "pre" || K(j - 2) == "un"))
      continue;
    Tense t = CueAt(j);
    // "go" and "sit", a plural's plain present of many senses, are a
    // schedule for a date close after them ("Voters go to the polls on
    // Sunday"), not for one further on ("..., after the Fourth of July
    // recess").
    // (Words of the clause counted, not those of names: "Arsenal travel to
    // Villa Park to face Aston Villa on Wednesday".)
    if (t == Tense::kFuture && counted > 7 && (K(j) == "go" || K(j) == "sit")) t = Tense::kUnknown;
    // A date put off to ("postponed until Sept. 10", "adjourned until
    // Monday", "extended to Nov. 20") lies ahead of the putting off.
    // The auxiliary's participle too ("has given the relatives until 9 a.m.
    // Tuesday", "was postponed until Monday").
    const bool aux = K(j) == "has" || K(j) == "have" || K(j) == "had" || K(j) == "was" || K(j) == "were";
    const size_t verb_at = !aux ? j : K(j + 1) == "been" ? j + 2 : j + 1;
    const Key verb = K(verb_at);
    // (A phrasal deferral too: "has put off a vote until March", "pushed
    // back the launch to June".)
    const Key particle = K(verb_at + 1);
    const bool phrasal = (verb == "put" || verb == "pushed") && (particle == "off" || particle == "back") &&
                         K(j) != "had";  // "which had put off rate rises until March" is the past's
    // A deadline given only before "until" and a "to" that says what is due
    // ("gave an interview to CNN on Sunday", "gave concerts until Sunday"
    // are none), and not one given before a past ("had given the lender
    // until Monday").
    const bool deadline = verb == "given" || verb == "gave" || verb == "granted";
    if (deadline && K(j) == "had") return Tense::kPast;
    // (A phrasal one only before "until" or a "to" right before the date:
    // "pushed back the rebels to Idlib in March" is a place's.)
    const bool deferred = Deferral(verb) ? (deadline ? bound && DueAfter(i) : bound || to_bound)
                                         : phrasal && (bound || K(from - 1) == "to");
    if (t == Tense::kPast && deferred) {
      return Tense::kFuture;
    }
    if (t == Tense::kPast && StopsUntil(verb) && bound) return Tense::kFuture;
    if (t != Tense::kUnknown) return t;
    if (D(j).Is(kRangeWord) && j + 3 >= from) bound = true;
    if (K(j) == "to" && j + 3 >= from) to_bound = true;
  }
  for (size_t j = i + 1; j < n_ && j <= i + kTenseWindow && !tokens_[j].sentence_start; ++j) {
    if (K(j) == ";" || K(j) == ":") break;  // another clause
    // So is a clause of its own subject after "and" or "but" ("rolls over
    // in feb and i was dreading it"), but for a future's ("on Sunday and I
    // will see everyone": the same time ahead).
    if ((K(j) == "and" || K(j) == "but") && IsSubjectPronoun(K(j + 1)) && !D(j + 2).Is(kFutureCue) &&
        !K(j + 1).ends_with("'ll") && K(j + 2) != "'ll" && K(j + 2) != "gonna")
      break;
    // So is one after a comma and a conjunction ("could walk off the job as
    // early as Friday, after talks broke down").
    if (K(j) == ",") {
      const Key c = K(j + 1);
      if (c == "after" || c == "before" || c == "when" || c == "while" || c == "because" || c == "since" ||
          c == "although" || c == "though" || c == "but" || c == "which" || c == "who" || c == "where" ||
          (c == "and" && !CommaWithin(j + 2, 6)))  // "... before Jan. 1, and Chicago has never missed one"
        break;
    }
    // The attribution after a comma ("..., Castro said") dates the report,
    // not what is reported.
    if (Attribution(j, Opens(from) ? i + 1 : 0)) continue;
    // A report's "would" dates what follows it, not a date before it
    // ("In an interview on Sunday, Rice said lifting the ban would ...").
    if (K(j) == "would" || K(j) == "could") continue;
    const Tense t = CueAt(j);
    if (t != Tense::kUnknown) return t;
  }
  // The earliest a thing may come, with a modal earlier in the sentence
  // where no verb near says more ("would be ready to leave for the United
  // States as soon as Tuesday, Castro said"; not a timeline's "warnings as
  // early as Monday, evacuation on Wednesday").
  if (const Key w = AsAsBefore(from); !bound && (w == "soon" || w == "early")) {
    for (size_t j = from - 3; j > 0 && !tokens_[j].sentence_start;) {
      --j;
      const Key m = K(j);
      if (m == "will" || m == "would" || m == "could" || m == "can" || m == "might" || m == "may" ||
          m == "shall" || m == "should" || m.ends_with("'ll"))
        return Tense::kFuture;
    }
  }
  return bound ? Tense::kFuture : Tense::kUnknown;
}

std::string Scanner::WeekdayVal(size_t i, size_t from) {
  if (anchor_ == nullptr) return "XXXX-XX-XX";
  const int wd = D(i).weekday, cur = Weekday(adays_);
  int64_t day = TenseAround(from, i) == Tense::kFuture ? adays_ + (wd - cur + 7) % 7 : adays_ - (cur - wd + 7) % 7;
  // Going on from a day: the end of a range not before its start ("from
  // Sept. 14 to Thursday"); an alternative as below.
  CivilDate p;
  bool range = false;
  if (LinkedPrevious(from, &p, &range) && p.day > 0) {
    const int64_t pd = DaysOf(p);
    const int64_t after = pd + 1 + (wd - Weekday(pd + 1) + 7) % 7;
    if (range && day < pd) {
      day = after;
    } else if (!range && pd != adays_ && (pd < adays_) == (after <= adays_) && after - pd < 7) {
      // A list runs forward from its first day while it stays on that day's
      // side of the anchor ("on Monday and Saturday", "late Saturday or
      // early Sunday"); else the day's own reading ("statements made
      // Friday and Thursday").
      day = after;
    }
  }
  const CivilDate c = CivilFromDays(day);
  return DayVal(c.year, c.month, c.day);
}

std::string Scanner::DayVal(int y, int m, int d) {
  if (y <= 0) return Fmt("XXXX-%02d-%02d", m, d);
  if (d > DaysInMonth(y, m)) d = DaysInMonth(y, m);
  ref_day_ = {y, m, d};
  ref_year_ = y, ref_month_ = m, month_named_ = true;
  para_year_ = y, para_month_ = m, para_day_ = d;
  return DayValue({y, m, d});
}

std::string Scanner::MonthVal(int y, int m) {
  if (y <= 0) return Fmt("XXXX-%02d", m);
  ref_year_ = y, ref_month_ = m, month_named_ = true;
  para_year_ = y, para_month_ = m, para_day_ = 0;
  return MonthValue(y, m);
}

std::string Scanner::YearVal(int y) {
  if (y <= 0) return "XXXX";
  para_year_ = y, para_month_ = 0, para_day_ = 0;
  return Fmt("%04d", y);
}

// "nineteen ninety-six", "nineteen eighty", "eighteen twelve": a century
// word (17-19) and a number 10-99 in words; not a count ("nineteen twenty
// people", "nineteen ninety-year-olds").
size_t Scanner::SpelledYear(size_t i, int* y) const {
  const int hundreds = D(i).number;
  if (hundreds < 17 || hundreds > 19 || IsNum(i)) return 0;
  double rest = 0;
  size_t end = 0;
  if (D(i + 1).number < 10 || !Number(i + 1, &rest, &end, false) || rest < 10 || rest > 99) return 0;
  if ((D(end).flags & kCountNoun) || D(end).Is(kUnitWord) || IsHyph(end)) return 0;
  *y = hundreds * 100 + static_cast<int>(rest);
  return end;
}

// Day-level date at i: "17 October [2016]", "October 17[,] [2016]",
// "17th of October". Returns end or 0.
size_t Scanner::DayDate(size_t i, std::string* value) {
  int d = 0, m = 0, y = 0;
  size_t j = i;
  if (DayNum(i, &d)) {
    j = i + 1;
    if (K(j) == "of") ++j;
    m = Month(j, &j);
    if (m == 0) return 0;
  } else if ((m = Month(i, &j)) != 0 && DayNum(j, &d) && !(K(j + 1) == ":" && Glued(j + 1) && Glued(j + 2))) {
    // "May 2012" is month + year, not day 20 ("March 15th" is a day).
    if (int y4 = 0; Year(j, &y4)) return 0;
    ++j;
  } else {
    return 0;
  }
  size_t k = j;
  if (K(k) == ",") ++k;
  if (Year(k, &y)) {
    j = k + 1;
  } else if (const int ry = RangeYear(j, m); ry > 0) {
    y = ry;
  } else {
    y = DayYearAt(i, m, d);
  }
  *value = DayVal(y, m, d);
  return j;
}

// A range whose second day has the year ("from June 12 to July 13, 2014",
// "between 2 May and 1 June 2012", "June 12-July 13, 2014"): the first day,
// ending at j in month m, takes it, or the year before when its month comes
// later ("Dec. 20 to Jan. 5, 2014"). 0 without one.
int Scanner::RangeYear(size_t j, int m) const {
  const Key c = K(j);
  if (!(c == "to" || c == "until" || c == "till" || c == "through" || c == "and" || c == "-")) return 0;
  size_t k = j + 1;
  // "from Wednesday 24 June to Sunday 28 June 2026": the second day's weekday.
  if (D(k).weekday >= 0) k += K(k + 1) == "," ? 2 : 1;
  int d2 = 0, y2 = 0, m2 = 0;
  if (DayNum(k, &d2)) {
    m2 = Month(k + 1, &k);
  } else if ((m2 = Month(k, &k)) != 0 && DayNum(k, &d2)) {
    ++k;
  } else {
    return 0;
  }
  if (m2 == 0) return 0;
  if (K(k) == ",") ++k;
  if (!Year(k, &y2)) return 0;
  return m2 < m ? y2 - 1 : y2;
}

}  // namespace tidings::enrich::dates
