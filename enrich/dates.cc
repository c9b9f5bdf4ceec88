#include "enrich/dates.h"

#include <algorithm>
#include <bit>

#include "enrich/dates_scanner.h"
#include "enrich/kb.h"

namespace tidings::enrich {

namespace v1 = ::tidings::v1;

namespace dates {

Scanner::Scanner(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                 const CivilDate* anchor, bool gated)
    : text_(text),
      tokens_(tokens),
      keys_(keys),
      n_(tokens.size()),
      anchor_(anchor),
      vocab_(Vocab()),
      families_(Families()),
      gated_(gated) {
  if (anchor_ != nullptr) {
    ref_year_ = anchor_->year;
    ref_month_ = anchor_->month;
    ref_day_ = *anchor_;
    adays_ = DaysOf(*anchor_);
  }
  for (CachedWord& c : cache_) c.index = SIZE_MAX;
}

void Scanner::ResetParagraph() {
  if (anchor_ != nullptr) ref_day_ = *anchor_;
  para_year_ = para_month_ = para_day_ = 0;
  emit_date_ = {};
}

void Scanner::Run(const CodePointIndex& cps, bool debug,
                  ::google::protobuf::RepeatedPtrField<v1::DateMention>* out) {
  const Token* tok = tokens_.data();
  // Tokens from here to the current one have not had their paragraph check.
  size_t para_from = 1;
  const FamilyMask all =
      families_.size() >= kMaxFamilies ? ~FamilyMask{0} : (FamilyMask{1} << families_.size()) - 1;
  for (size_t i = 0; i < n_;) {
    FamilyMask fams = all;
    i = gated_ ? NextCandidate(i, &fams) : i;
    if (i == n_) break;
    // A blank line starts a paragraph: the day reference goes back to the
    // anchor and anaphora lose their antecedent. The tokens visited since
    // the last check are para_from..i, and a "\n\n" between two of their
    // tokens lies inside one gap.
    if (i >= para_from) {
      const uint32_t b = tok[para_from - 1].end_byte, e = tok[i].begin_byte;
      if (e - b >= 2 && text_.substr(b, e - b).find("\n\n") != std::string_view::npos) ResetParagraph();
    }
    hits_.clear();
    if (Try(i, fams)) {
      size_t next = i + 1;
      for (Hit& h : hits_) {
        auto* m = out->Add();
        const uint32_t b = tokens_[h.begin].begin_byte, e = tokens_[h.end - 1].end_byte;
        m->set_begin(cps.ToCodePoint(b));
        m->set_end(cps.ToCodePoint(e));
        m->set_text(std::string(text_.substr(b, e - b)));
        m->set_type(h.type);
        m->set_value(std::move(h.value));
        m->set_score(0.9f);
        if (debug) m->set_rule(std::string("date:") + std::string(h.rule));
        next = std::max(next, h.end);
        // A day alone on its line, a punctuation mark after it at most: a heading.
        const size_t line_end = h.end < n_ && tokens_[h.end].kind == TokenKind::kPunct ? h.end + 1 : h.end;
        if (h.type == v1::DATE && LineStart(h.begin) && (line_end >= n_ || LineStart(line_end)) &&
            m->value().size() == 10) {
          if (auto d = ParseIsoDate(m->value())) line_day_ = *d;
        }
      }
      i = next;
    } else {
      ++i;
    }
    para_from = i;
  }
}

// The families of the table whose start condition holds at token i.
FamilyMask Scanner::StartFamilies(size_t i) const {
  const std::string_view k = keys_[i];
  FamilyMask m;
  if (static_cast<unsigned>(k[0] - '0') < 10) {
    m = vocab_.number_families;
  } else if (const DateWord* w = vocab_.Find(k)) {
    m = w->families;
  } else {
    m = vocab_.prefix_families;
  }
  // A month in lower case may start a date too (Scanner::Month decides).
  if (!tokens_[i].upper && (m & vocab_.capital_families) && D(i).month == 0) m &= ~vocab_.capital_families;
  if (m & vocab_.needs_next_families) {
    const bool plain_next = i + 1 >= n_ || (tokens_[i + 1].kind == TokenKind::kWord && &D(i + 1) == &kNoDateWord);
    if (plain_next) m &= ~vocab_.needs_next_families;
  }
  for (FamilyMask rest = m; rest != 0; rest &= rest - 1) {
    const RuleFamily& f = families_[static_cast<size_t>(std::countr_zero(rest))];
    if (f.may_start != nullptr && !(this->*f.may_start)(i)) m &= ~(rest & -rest);
  }
  return m;
}

// The first token from i on at which some family may start (n if none), and
// those families. The shape test rejects most tokens without a probe.
size_t Scanner::NextCandidate(size_t i, FamilyMask* families) const {
  const std::string_view* key = keys_.data();
  for (; i < n_; ++i) {
    const std::string_view k = key[i];
    if (k.empty() || !vocab_.MayStart(k)) continue;
    if (const FamilyMask m = StartFamilies(i)) {
      *families = m;
      return i;
    }
  }
  return n_;
}

bool Scanner::Try(size_t i, FamilyMask families) {
  if (K(i).empty()) return false;
  for (FamilyMask rest = families; rest != 0; rest &= rest - 1) {
    const RuleFamily& f = families_[static_cast<size_t>(std::countr_zero(rest))];
    year_taken_ = 0;  // what a matcher that did not fire read is not the next one's
    const Outcome o = (this->*f.match)(i);
    if (o == Outcome::kHit) return true;
    if (o == Outcome::kStop) return false;
  }
  return false;
}

}  // namespace dates

std::optional<CivilDate> ParseIsoDate(std::string_view s) {
  if (s.size() < 10) return std::nullopt;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  if (s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](size_t at, size_t len) {
    int v = 0;
    for (size_t i = at; i < at + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  CivilDate d{num(0, 4), num(5, 2), num(8, 2)};
  // Years 1-9998 only: what is resolved from a date must stay a TIMEX3
  // value of four digits ("last year" of 0000, "next year" of 9999).
  if (d.year < 1 || d.year > 9998) return std::nullopt;
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > dates::DaysInMonth(d.year, d.month)) {
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
  // The dateline: the first line, or a short line among the next two (a
  // wire story's headline comes first: "SOCCER - RESULTS.\nBONN
  // 1996-08-24\n"), within the first kDatelineBytes.
  const std::string_view head = text.substr(0, std::min(text.size(), kDatelineBytes));
  size_t pos = 0;
  for (int line = 0; line < kDatelineLines && pos < head.size(); ++line) {
    const size_t nl = head.find('\n', pos);
    const size_t end = nl == std::string_view::npos ? head.size() : nl;
    if (line == 0 || end - pos <= kDatelineMaxLineBytes) {
      if (auto d = find_date(head.substr(pos, end - pos), "dateline")) return d;
    }
    pos = end + 1;
  }
  return std::nullopt;
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
  dates::Scanner s(text, tokens, keys, anchor, /*gated=*/true);
  s.Run(cps, debug, out);
}

void TagDatesUngatedForTest(std::string_view text, const std::vector<Token>& tokens,
                            const KeyViews& keys, const CodePointIndex& cps,
                            const CivilDate* anchor, bool debug,
                            ::google::protobuf::RepeatedPtrField<v1::DateMention>* out) {
  dates::Scanner s(text, tokens, keys, anchor, /*gated=*/false);
  s.Run(cps, debug, out);
}

}  // namespace tidings::enrich
