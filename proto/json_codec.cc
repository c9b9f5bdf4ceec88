#include "proto/json_codec.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>

#include "base/json.h"

namespace tidings::proto {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

// One parser per thread: it keeps its buffers between calls.
simdjson::dom::parser& ThreadParser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

Status ParseError(simdjson::error_code err) {
  if (err == simdjson::UTF8_ERROR) return {ErrorCode::kInvalidUtf8, "input is not valid UTF-8"};
  return {ErrorCode::kInvalidJson, std::string(simdjson::error_message(err))};
}

Status WrongType(std::string_view field, std::string_view want) {
  return {ErrorCode::kWrongType, "field '" + std::string(field) + "' must be " + std::string(want)};
}

// Reads a string field; null counts as absent.
Status GetString(element v, std::string_view key, std::string* out) {
  if (v.is_null()) return Status::Ok();
  std::string_view s;
  if (v.get_string().get(s)) return WrongType(key, "a string");
  out->assign(s);
  return Status::Ok();
}

template <typename Int>
Status GetInt(element v, std::string_view key, Int* out) {
  if (v.is_null()) return Status::Ok();
  int64_t i = 0;
  if (v.is_string()) {  // protobuf JSON mapping writes 64-bit ints as strings
    std::string_view s = v.get_string().value_unsafe();
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
    if (ec != std::errc() || p != s.data() + s.size()) return WrongType(key, "an integer");
  } else if (v.get_int64().get(i)) {
    return WrongType(key, "an integer");
  }
  if (i < static_cast<int64_t>(std::numeric_limits<Int>::min()) ||
      i > static_cast<int64_t>(std::numeric_limits<Int>::max()))
    return WrongType(key, "an integer in range");
  *out = static_cast<Int>(i);
  return Status::Ok();
}

Status GetDouble(element v, std::string_view key, double* out) {
  if (v.is_null()) return Status::Ok();
  if (v.get_double().get(*out)) return WrongType(key, "a number");
  return Status::Ok();
}

Status GetBool(element v, std::string_view key, bool* out) {
  if (v.is_null()) return Status::Ok();
  if (v.get_bool().get(*out)) return WrongType(key, "true or false");
  return Status::Ok();
}

#define TIDINGS_TRY(expr)          \
  do {                             \
    Status _s = (expr);            \
    if (!_s.ok()) return _s;       \
  } while (0)

Status ReadIngest(element v, v1::IngestInfo* in) {
  object o;
  if (v.get_object().get(o)) return WrongType("ingest", "an object");
  for (auto [k, f] : o) {
    if (k == "received_at") TIDINGS_TRY(GetString(f, k, in->mutable_received_at()));
    else if (k == "content_hash") TIDINGS_TRY(GetString(f, k, in->mutable_content_hash()));
    else if (k == "source_topic") TIDINGS_TRY(GetString(f, k, in->mutable_source_topic()));
    else if (k == "source_partition") {
      int32_t p = 0;
      TIDINGS_TRY(GetInt(f, k, &p));
      in->set_source_partition(p);
    } else if (k == "source_offset") {
      int64_t p = 0;
      TIDINGS_TRY(GetInt(f, k, &p));
      in->set_source_offset(p);
    } else if (k == "version") {
      uint32_t p = 0;
      TIDINGS_TRY(GetInt(f, k, &p));
      in->set_version(p);
    }
  }
  return Status::Ok();
}

// Fields of Document at the top level of an object. Returns true in
// *known when `key` is a Document field.
Status ReadDocumentField(std::string_view k, element f, v1::Document* d, bool* known) {
  *known = true;
  if (k == "id") return GetString(f, k, d->mutable_id());
  if (k == "kind") return GetString(f, k, d->mutable_kind());
  if (k == "thread_id") return GetString(f, k, d->mutable_thread_id());
  if (k == "parent_id") return GetString(f, k, d->mutable_parent_id());
  if (k == "source") return GetString(f, k, d->mutable_source());
  if (k == "url") return GetString(f, k, d->mutable_url());
  if (k == "title") return GetString(f, k, d->mutable_title());
  if (k == "author") return GetString(f, k, d->mutable_author());
  if (k == "published_at") return GetString(f, k, d->mutable_published_at());
  if (k == "language") return GetString(f, k, d->mutable_language());
  if (k == "text") return GetString(f, k, d->mutable_text());
  if (k == "ingest") return f.is_null() ? Status::Ok() : ReadIngest(f, d->mutable_ingest());
  *known = false;
  return Status::Ok();
}

Status ReadSpan(element v, std::string_view key, uint32_t* b, uint32_t* e, object* o) {
  if (v.get_object().get(*o)) return WrongType(key, "an array of objects");
  element x;
  if (!(*o)["begin"].get(x)) TIDINGS_TRY(GetInt(x, "begin", b));
  if (!(*o)["end"].get(x)) TIDINGS_TRY(GetInt(x, "end", e));
  return Status::Ok();
}

template <typename EnumParse>
Status ReadEnum(element v, std::string_view key, EnumParse parse) {
  if (v.is_null()) return Status::Ok();
  std::string_view s;
  if (v.get_string().get(s) || !parse(std::string(s))) return WrongType(key, "a known label");
  return Status::Ok();
}

// Reads the fields every mention has (begin, end, text, rule, score) into
// `m`; other fields go to `rest(key, value)`.
template <typename Mention, typename Rest>
Status ReadMention(element v, std::string_view key, Mention* m, Rest rest) {
  uint32_t b = 0, e = 0;
  object o;
  TIDINGS_TRY(ReadSpan(v, key, &b, &e, &o));
  m->set_begin(b);
  m->set_end(e);
  for (auto [fk, fv] : o) {
    if (fk == "text") TIDINGS_TRY(GetString(fv, fk, m->mutable_text()));
    else if (fk == "rule") TIDINGS_TRY(GetString(fv, fk, m->mutable_rule()));
    else if (fk == "score") {
      double s = 0;
      TIDINGS_TRY(GetDouble(fv, fk, &s));
      m->set_score(static_cast<float>(s));
    } else if (fk != "begin" && fk != "end") {
      TIDINGS_TRY(rest(fk, fv));
    }
  }
  return Status::Ok();
}

Status ReadEnrichedField(std::string_view k, element f, v1::EnrichedDocument* d, bool* known) {
  *known = true;
  simdjson::dom::array arr;
  if (k == "entities") {
    if (f.get_array().get(arr)) return WrongType(k, "an array");
    for (element x : arr) {
      auto* m = d->add_entities();
      TIDINGS_TRY(ReadMention(x, k, m, [&](std::string_view fk, element fv) -> Status {
        if (fk == "name") return GetString(fv, fk, m->mutable_name());
        if (fk == "id") return GetString(fv, fk, m->mutable_id());
        if (fk == "type") {
          return ReadEnum(fv, fk, [&](const std::string& s) {
            v1::EntityType t;
            if (!v1::EntityType_Parse(s, &t)) return false;
            m->set_type(t);
            return true;
          });
        }
        return Status::Ok();
      }));
    }
    return Status::Ok();
  }
  if (k == "dates") {
    if (f.get_array().get(arr)) return WrongType(k, "an array");
    for (element x : arr) {
      auto* m = d->add_dates();
      TIDINGS_TRY(ReadMention(x, k, m, [&](std::string_view fk, element fv) -> Status {
        if (fk == "value") return GetString(fv, fk, m->mutable_value());
        if (fk == "type") {
          return ReadEnum(fv, fk, [&](const std::string& s) {
            v1::TimexType t;
            if (!v1::TimexType_Parse(s, &t)) return false;
            m->set_type(t);
            return true;
          });
        }
        return Status::Ok();
      }));
    }
    return Status::Ok();
  }
  if (k == "stances") {
    if (f.get_array().get(arr)) return WrongType(k, "an array");
    for (element x : arr) {
      object o;
      if (x.get_object().get(o)) return WrongType(k, "an array of objects");
      auto* s = d->add_stances();
      for (auto [fk, fv] : o) {
        if (fk == "target") TIDINGS_TRY(GetString(fv, fk, s->mutable_target()));
        else if (fk == "score") {
          double v = 0;
          TIDINGS_TRY(GetDouble(fv, fk, &v));
          s->set_score(static_cast<float>(v));
        } else if (fk == "label" || fk == "rules_label") {
          const bool rules = fk == "rules_label";
          TIDINGS_TRY(ReadEnum(fv, fk, [&](const std::string& l) {
            v1::StanceLabel t;
            if (!v1::StanceLabel_Parse(l, &t)) return false;
            rules ? s->set_rules_label(t) : s->set_label(t);
            return true;
          }));
        } else if (fk == "evidence") {
          simdjson::dom::array ev;
          if (fv.get_array().get(ev)) return WrongType(fk, "an array");
          for (element e : ev) {
            uint32_t b = 0, en = 0;
            object so;
            TIDINGS_TRY(ReadSpan(e, fk, &b, &en, &so));
            auto* sp = s->add_evidence();
            sp->set_begin(b);
            sp->set_end(en);
          }
        } else if (fk == "cues") {
          simdjson::dom::array cs;
          if (fv.get_array().get(cs)) return WrongType(fk, "an array");
          for (element c : cs) TIDINGS_TRY(GetString(c, fk, s->add_cues()));
        }
      }
    }
    return Status::Ok();
  }
  if (k == "reply_stance") {
    if (f.is_null()) return Status::Ok();
    object o;
    if (f.get_object().get(o)) return WrongType(k, "an object");
    auto* r = d->mutable_reply_stance();
    for (auto [fk, fv] : o) {
      if (fk == "reason") TIDINGS_TRY(GetString(fv, fk, r->mutable_reason()));
      else if (fk == "score") {
        double v = 0;
        TIDINGS_TRY(GetDouble(fv, fk, &v));
        r->set_score(static_cast<float>(v));
      } else if (fk == "label") {
        TIDINGS_TRY(ReadEnum(fv, fk, [&](const std::string& l) {
          v1::ReplyLabel t;
          if (!v1::ReplyLabel_Parse(l, &t)) return false;
          r->set_label(t);
          return true;
        }));
      } else if (fk == "cues") {
        simdjson::dom::array cs;
        if (fv.get_array().get(cs)) return WrongType(fk, "an array");
        for (element c : cs) TIDINGS_TRY(GetString(c, fk, r->add_cues()));
      }
    }
    return Status::Ok();
  }
  if (k == "anchor") {
    if (f.is_null()) return Status::Ok();
    object o;
    if (f.get_object().get(o)) return WrongType(k, "an object");
    auto* a = d->mutable_anchor();
    for (auto [fk, fv] : o) {
      if (fk == "value") TIDINGS_TRY(GetString(fv, fk, a->mutable_value()));
      else if (fk == "source") TIDINGS_TRY(GetString(fv, fk, a->mutable_source()));
      else if (fk == "inferred") {
        bool b = false;
        TIDINGS_TRY(GetBool(fv, fk, &b));
        a->set_inferred(b);
      }
    }
    return Status::Ok();
  }
  if (k == "enricher_version") return GetString(f, k, d->mutable_enricher_version());
  if (k == "language_detected") return GetString(f, k, d->mutable_language_detected());
  if (k == "timings") {
    if (f.is_null()) return Status::Ok();
    object o;
    if (f.get_object().get(o)) return WrongType(k, "an object");
    auto* t = d->mutable_timings();
    double v = 0;
    for (auto [fk, fv] : o) {
      v = 0;
      TIDINGS_TRY(GetDouble(fv, fk, &v));
      if (fk == "entities_ms") t->set_entities_ms(v);
      else if (fk == "dates_ms") t->set_dates_ms(v);
      else if (fk == "stance_ms") t->set_stance_ms(v);
      else if (fk == "total_ms") t->set_total_ms(v);
    }
    return Status::Ok();
  }
  *known = false;
  return Status::Ok();
}

// ---- numbers out of range ---------------------------------------------------
// simdjson's DOM parser converts every number and refuses the whole document
// when one is out of range (1e999999, a 400-digit integer). The contract says
// an unknown field is never an error, so on NUMBER_ERROR the top level is read
// again field by field with On-Demand (which converts nothing unasked): each
// value that fails alone on a number is set aside (its text, minified) and
// replaced by null; the readers then refuse it in a known field and keep its
// text in an unknown one.

// True when `s` is a JSON number (RFC 8259 grammar), whatever its range.
bool IsJsonNumberText(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') ++i;
  else if (!digits()) return false;
  if (i < s.size() && s[i] == '.' && (++i, !digits())) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

Status OnDemandError(simdjson::error_code err) {
  return {ErrorCode::kInvalidJson, std::string(simdjson::error_message(err))};
}

// Checks one value's syntax without converting numbers.
Status CheckValueSyntax(simdjson::ondemand::value v) {
  simdjson::ondemand::json_type type;
  if (auto err = v.type().get(type)) return OnDemandError(err);
  switch (type) {
    case simdjson::ondemand::json_type::number:
      if (IsJsonNumberText(TrimRight(v.raw_json_token()))) return Status::Ok();
      return OnDemandError(simdjson::NUMBER_ERROR);
    case simdjson::ondemand::json_type::string:
      if (auto err = v.get_string().error()) return OnDemandError(err);
      return Status::Ok();
    case simdjson::ondemand::json_type::boolean:
      if (auto err = v.get_bool().error()) return OnDemandError(err);
      return Status::Ok();
    case simdjson::ondemand::json_type::null: {
      bool is_null = false;
      if (auto err = v.is_null().get(is_null)) return OnDemandError(err);
      if (!is_null) return OnDemandError(simdjson::N_ATOM_ERROR);
      return Status::Ok();
    }
    case simdjson::ondemand::json_type::array:
      for (auto item : v.get_array()) {
        simdjson::ondemand::value x;
        if (auto err = std::move(item).get(x)) return OnDemandError(err);
        TIDINGS_TRY(CheckValueSyntax(x));
      }
      return Status::Ok();
    case simdjson::ondemand::json_type::object:
      for (auto field : v.get_object()) {
        simdjson::ondemand::field f;
        if (auto err = std::move(field).get(f)) return OnDemandError(err);
        if (auto err = f.unescaped_key().error()) return OnDemandError(err);
        TIDINGS_TRY(CheckValueSyntax(f.value()));
      }
      return Status::Ok();
  }
  return OnDemandError(simdjson::TAPE_ERROR);
}

// `raw` (one JSON value) minified, after checking its syntax.
Result<std::string> MinifyUnconverted(std::string_view raw) {
  if (!raw.starts_with('[') && !raw.starts_with('{')) {  // On-Demand reads no scalar as a value
    if (!IsJsonNumberText(raw)) return OnDemandError(simdjson::NUMBER_ERROR);
    return std::string(raw);
  }
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(raw);
  simdjson::ondemand::document doc;
  if (auto err = parser.iterate(padded).get(doc)) return OnDemandError(err);
  simdjson::ondemand::value v;
  if (auto err = doc.get_value().get(v)) return OnDemandError(err);
  TIDINGS_TRY(CheckValueSyntax(v));
  std::string out(raw.size(), '\0');
  size_t n = 0;
  if (auto err = simdjson::minify(raw.data(), raw.size(), out.data(), n)) return OnDemandError(err);
  out.resize(n);
  return out;
}

// The text of the value `v` as it stands in the input.
Result<std::string_view> RawValueText(simdjson::ondemand::value v) {
  simdjson::ondemand::json_type type;
  if (auto err = v.type().get(type)) return OnDemandError(err);
  std::string_view raw;
  simdjson::error_code err = simdjson::SUCCESS;
  if (type == simdjson::ondemand::json_type::array) {
    simdjson::ondemand::array a;
    err = v.get_array().get(a);
    if (!err) err = a.raw_json().get(raw);
  } else if (type == simdjson::ondemand::json_type::object) {
    simdjson::ondemand::object o;
    err = v.get_object().get(o);
    if (!err) err = o.raw_json().get(raw);
  } else {
    raw = TrimRight(v.raw_json_token());
  }
  if (err) return OnDemandError(err);
  return raw;
}

// `json` with each top-level value that alone fails on a number replaced by
// null, its minified text put in *set_aside under the field's name. The rest
// is left to the DOM parser (structure, trailing content, other errors).
Result<std::string> SetAsideBadNumbers(std::string_view json,
                                       std::map<std::string, std::string, std::less<>>* set_aside) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(json);
  simdjson::ondemand::document doc;
  simdjson::ondemand::object o;
  if (auto err = parser.iterate(padded).get(doc)) return OnDemandError(err);
  if (doc.get_object().get(o)) return Status(ErrorCode::kInvalidJson, "a document must be a JSON object");
  std::string rebuilt;
  size_t copied = 0;  // bytes of `padded` already in `rebuilt`
  for (auto field : o) {
    simdjson::ondemand::field f;
    std::string_view key;
    if (auto err = std::move(field).get(f)) return OnDemandError(err);
    if (auto err = f.unescaped_key().get(key)) return OnDemandError(err);
    std::string name(key);
    auto raw = RawValueText(f.value());
    if (!raw.ok()) return raw.status();
    element alone;
    auto err = ThreadParser().parse(raw->data(), raw->size(), /*realloc_if_needed=*/true).get(alone);
    if (err != simdjson::NUMBER_ERROR) continue;  // fine, or the DOM parser reports it
    auto text = MinifyUnconverted(*raw);
    if (!text.ok()) return text.status();
    (*set_aside)[name] = std::move(text).value();
    size_t at = static_cast<size_t>(raw->data() - padded.data());
    rebuilt.append(padded.data() + copied, at - copied);
    rebuilt += "null";
    copied = at + raw->size();
  }
  rebuilt.append(padded.data() + copied, json.size() - copied);
  return rebuilt;
}

// True when `v` is one JSON value, numbers out of range allowed.
bool IsJsonText(std::string_view v) {
  element parsed;
  auto err = ThreadParser().parse(v.data(), v.size(), /*realloc_if_needed=*/true).get(parsed);
  if (err != simdjson::NUMBER_ERROR) return err == simdjson::SUCCESS;
  auto minified = MinifyUnconverted(v);
  return minified.ok() && minified.value().size() == v.size();
}

// A parsed top-level object. `root` lives in the thread's parser until the
// next parse on this thread.
struct TopLevel {
  object root;
  // Values set aside for a number out of range, by field name (see above).
  std::map<std::string, std::string, std::less<>> set_aside;

  // The text an unknown field keeps in Document.extra.
  std::string ExtraText(std::string_view key, element value) const {
    auto it = set_aside.find(key);
    return it != set_aside.end() ? it->second : simdjson::minify(value);
  }
  // An error when a known field's value was set aside.
  Status CheckKnown(std::string_view key) const {
    if (!set_aside.contains(key)) return Status::Ok();
    return {ErrorCode::kInvalidJson, "field '" + std::string(key) + "' holds a number out of range"};
  }
};

Result<TopLevel> ParseObject(std::string_view json) {
  TopLevel top;
  element root;
  auto err = ThreadParser().parse(json.data(), json.size(), /*realloc_if_needed=*/true).get(root);
  std::string rebuilt;
  if (err == simdjson::NUMBER_ERROR) {
    auto r = SetAsideBadNumbers(json, &top.set_aside);
    if (!r.ok()) return r.status();
    rebuilt = std::move(r).value();
    err = ThreadParser().parse(rebuilt.data(), rebuilt.size(), /*realloc_if_needed=*/true).get(root);
  }
  if (err) return ParseError(err);
  if (root.get_object().get(top.root)) return Status(ErrorCode::kInvalidJson, "a document must be a JSON object");
  return top;
}

// ---- writing ----------------------------------------------------------------

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) { out_.push_back('{'); }
  void Close() { out_.push_back('}'); }

  void Key(std::string_view k) {
    if (!first_) out_.push_back(',');
    first_ = false;
    AppendJsonString(out_, k);
    out_.push_back(':');
  }
  void Str(std::string_view k, std::string_view v) {
    if (v.empty()) return;
    Key(k);
    AppendJsonString(out_, v);
  }
  void Int(std::string_view k, int64_t v) {
    Key(k);
    out_ += std::to_string(v);
  }
  // int64 in the protobuf JSON mapping is a string.
  void Int64AsString(std::string_view k, int64_t v) {
    Key(k);
    out_.push_back('"');
    out_ += std::to_string(v);
    out_.push_back('"');
  }
  void Num(std::string_view k, double v) {
    Key(k);
    AppendNumber(out_, v);
  }
  void Bool(std::string_view k, bool v) {
    Key(k);
    out_ += v ? "true" : "false";
  }
  void Raw(std::string_view k, std::string_view raw) {
    Key(k);
    out_ += raw;
  }
  std::string& out() { return out_; }

  static void AppendNumber(std::string& out, double v) {
    if (!std::isfinite(v)) {
      out += '0';
      return;
    }
    char buf[32];
    // Scores and timings: 4 significant decimals are plenty and keep lines
    // short. to_chars' general format is printf's %.4g, without its locale.
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 4);
    out.append(buf, static_cast<size_t>(r.ptr - buf));
  }

 private:
  std::string& out_;
  bool first_ = true;
};

// The top-level names the enriched form adds to a document's. An input
// field of one of these names is the enricher's to fill: an enriched line
// writes its own value, not the input's.
constexpr std::string_view kEnrichedFieldNames[] = {"language_detected", "entities", "dates",
                                                    "stances", "reply_stance", "anchor",
                                                    "enricher_version", "timings"};

bool IsEnrichedFieldName(std::string_view key) {
  return std::find(std::begin(kEnrichedFieldNames), std::end(kEnrichedFieldNames), key) !=
         std::end(kEnrichedFieldNames);
}

// `enriched`: the document is written as part of an enriched line.
void WriteDocumentFields(Writer& w, const v1::Document& d, const JsonOptions& opts, bool enriched) {
  w.Str("id", d.id());
  w.Str("kind", d.kind());
  w.Str("thread_id", d.thread_id());
  w.Str("parent_id", d.parent_id());
  w.Str("source", d.source());
  w.Str("url", d.url());
  w.Str("title", d.title());
  w.Str("author", d.author());
  w.Str("published_at", d.published_at());
  w.Str("language", d.language());
  // Unknown fields in a stable order.
  std::map<std::string_view, std::string_view> extra;
  for (const auto& [k, v] : d.extra()) extra.emplace(k, v);
  for (const auto& [k, v] : extra) {
    if (IsDocumentFieldName(k) || (enriched && IsEnrichedFieldName(k))) continue;
    // Values from JSON input are JSON already; one set by other code may be
    // anything, and is then written as a string (ingest makes every value
    // JSON text: ExtraValueAsJson).
    if (IsJsonText(v)) {
      w.Raw(k, v);
    } else {
      w.Key(k);
      AppendJsonString(w.out(), v);
    }
  }
  if (opts.ingest_info && d.has_ingest()) {
    const auto& in = d.ingest();
    std::string sub;
    Writer iw(sub);
    iw.Str("received_at", in.received_at());
    iw.Str("content_hash", in.content_hash());
    iw.Str("source_topic", in.source_topic());
    iw.Int("source_partition", in.source_partition());
    iw.Int64AsString("source_offset", in.source_offset());
    iw.Int("version", in.version());
    iw.Close();
    w.Raw("ingest", sub);
  }
  w.Str("text", d.text());
}

void WriteSpanArray(std::string& out, const google::protobuf::RepeatedPtrField<v1::Span>& spans) {
  out.push_back('[');
  for (int i = 0; i < spans.size(); ++i) {
    if (i) out.push_back(',');
    out += "{\"begin\":" + std::to_string(spans[i].begin()) + ",\"end\":" + std::to_string(spans[i].end()) + "}";
  }
  out.push_back(']');
}

void WriteStrings(std::string& out, const google::protobuf::RepeatedPtrField<std::string>& xs) {
  out.push_back('[');
  for (int i = 0; i < xs.size(); ++i) {
    if (i) out.push_back(',');
    AppendJsonString(out, xs[i]);
  }
  out.push_back(']');
}

}  // namespace

bool IsDocumentFieldName(std::string_view key) {
  static constexpr std::string_view kNames[] = {"id",     "kind",   "thread_id",    "parent_id",
                                                "source", "url",    "title",        "author",
                                                "published_at", "language", "text", "ingest"};
  return std::find(std::begin(kNames), std::end(kNames), key) != std::end(kNames);
}

std::string ExtraValueAsJson(std::string_view value) {
  // As the reader keeps a field's value: re-serialised compact, or, with a
  // number out of range, minified as written (TopLevel::ExtraText).
  simdjson::dom::parser parser;
  element e;
  // A string that is no JSON text becomes a JSON string, written as the
  // reader writes it back (simdjson leaves DEL unescaped where our escaper
  // writes \u007f: json_fuzz's find, a content hash that changed on a JSON
  // round trip).
  auto quote = [&](std::string_view s) {
    std::string quoted;
    AppendJsonString(quoted, s);
    if (!parser.parse(quoted.data(), quoted.size()).get(e)) return std::string(simdjson::minify(e));
    return quoted;
  };
  if (!IsJsonText(value)) return quote(value);
  auto err = parser.parse(value.data(), value.size()).get(e);
  if (!err) return simdjson::minify(e);
  auto minified = MinifyUnconverted(value);
  if (minified.ok()) return std::move(minified).value();
  return quote(value);
}

void AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  base::AppendJsonEscaped(out, s);
  out.push_back('"');
}

Result<v1::Document> ParseDocumentJson(std::string_view json) {
  auto o = ParseObject(json);
  if (!o.ok()) return o.status();
  v1::Document d;
  for (auto [k, f] : o->root) {
    bool known = false;
    TIDINGS_TRY(ReadDocumentField(k, f, &d, &known));
    if (known) TIDINGS_TRY(o->CheckKnown(k));
    else (*d.mutable_extra())[std::string(k)] = o->ExtraText(k, f);
  }
  return d;
}

Result<v1::EnrichedDocument> ParseEnrichedJson(std::string_view json) {
  auto o = ParseObject(json);
  if (!o.ok()) return o.status();
  v1::EnrichedDocument ed;
  v1::Document* d = ed.mutable_document();
  for (auto [k, f] : o->root) {
    bool known = false;
    TIDINGS_TRY(ReadDocumentField(k, f, d, &known));
    if (!known) TIDINGS_TRY(ReadEnrichedField(k, f, &ed, &known));
    if (known) TIDINGS_TRY(o->CheckKnown(k));
    else (*d->mutable_extra())[std::string(k)] = o->ExtraText(k, f);
  }
  return ed;
}

std::string DocumentToJson(const v1::Document& doc, const JsonOptions& opts) {
  std::string out;
  out.reserve(doc.text().size() + 256);
  Writer w(out);
  WriteDocumentFields(w, doc, opts, /*enriched=*/false);
  w.Close();
  return out;
}

std::string EnrichedToJson(const v1::EnrichedDocument& ed, const JsonOptions& opts) {
  std::string out;
  out.reserve(ed.document().text().size() * 2 + 512);
  AppendEnrichedJson(out, ed, opts);
  return out;
}

void AppendEnrichedJson(std::string& out, const v1::EnrichedDocument& ed, const JsonOptions& opts) {
  Writer w(out);
  WriteDocumentFields(w, ed.document(), opts, /*enriched=*/true);
  w.Str("language_detected", ed.language_detected());

  w.Key("entities");
  out.push_back('[');
  for (int i = 0; i < ed.entities_size(); ++i) {
    const auto& m = ed.entities(i);
    if (i) out.push_back(',');
    Writer mw(out);
    mw.Int("begin", m.begin());
    mw.Int("end", m.end());
    mw.Str("text", m.text());
    mw.Str("type", v1::EntityType_Name(m.type()));
    mw.Str("name", m.name());
    mw.Str("id", m.id());
    mw.Num("score", m.score());
    if (opts.debug) mw.Str("rule", m.rule());
    mw.Close();
  }
  out.push_back(']');

  w.Key("dates");
  out.push_back('[');
  for (int i = 0; i < ed.dates_size(); ++i) {
    const auto& m = ed.dates(i);
    if (i) out.push_back(',');
    Writer mw(out);
    mw.Int("begin", m.begin());
    mw.Int("end", m.end());
    mw.Str("text", m.text());
    mw.Str("type", v1::TimexType_Name(m.type()));
    mw.Str("value", m.value());
    mw.Num("score", m.score());
    if (opts.debug) mw.Str("rule", m.rule());
    mw.Close();
  }
  out.push_back(']');

  w.Key("stances");
  out.push_back('[');
  for (int i = 0; i < ed.stances_size(); ++i) {
    const auto& s = ed.stances(i);
    if (i) out.push_back(',');
    Writer sw(out);
    sw.Str("target", s.target());
    sw.Str("label", v1::StanceLabel_Name(s.label()));
    if (s.rules_label() != v1::STANCE_LABEL_UNSPECIFIED) sw.Str("rules_label", v1::StanceLabel_Name(s.rules_label()));
    sw.Num("score", s.score());
    sw.Key("evidence");
    WriteSpanArray(out, s.evidence());
    if (opts.debug && s.cues_size()) {
      sw.Key("cues");
      WriteStrings(out, s.cues());
    }
    sw.Close();
  }
  out.push_back(']');

  if (ed.has_reply_stance()) {
    const auto& r = ed.reply_stance();
    w.Key("reply_stance");
    Writer rw(out);
    rw.Str("label", v1::ReplyLabel_Name(r.label()));
    rw.Num("score", r.score());
    rw.Str("reason", r.reason());
    if (opts.debug && r.cues_size()) {
      rw.Key("cues");
      WriteStrings(out, r.cues());
    }
    rw.Close();
  }
  if (ed.has_anchor()) {
    w.Key("anchor");
    Writer aw(out);
    aw.Str("value", ed.anchor().value());
    aw.Bool("inferred", ed.anchor().inferred());
    aw.Str("source", ed.anchor().source());
    aw.Close();
  }
  w.Str("enricher_version", ed.enricher_version());
  if (ed.has_timings()) {
    w.Key("timings");
    Writer tw(out);
    tw.Num("entities_ms", ed.timings().entities_ms());
    tw.Num("dates_ms", ed.timings().dates_ms());
    tw.Num("stance_ms", ed.timings().stance_ms());
    tw.Num("total_ms", ed.timings().total_ms());
    tw.Close();
  }
  w.Close();
}

std::string DeadLetterToJson(const v1::DeadLetter& dl) {
  std::string out;
  Writer w(out);
  w.Str("stage", dl.stage());
  w.Str("error_code", dl.error_code());
  w.Str("message", dl.message());
  w.Str("document_id", dl.document_id());
  w.Str("source_topic", dl.source_topic());
  w.Int("source_partition", dl.source_partition());
  w.Int64AsString("source_offset", dl.source_offset());
  w.Str("time", dl.time());
  // The original bytes may be anything; show them as text only when valid
  // UTF-8 without NUL, else as base64-free hex length note.
  simdjson::dom::parser p;
  bool utf8 = simdjson::validate_utf8(dl.original().data(), dl.original().size());
  if (utf8) {
    w.Str("original", dl.original());
  } else {
    w.Int("original_bytes", static_cast<int64_t>(dl.original().size()));
  }
  // Cuts made to bound the dead letter (runtime/dead_letter.h).
  if (dl.original_truncated()) {
    w.Bool("original_truncated", true);
    w.Int64AsString("original_size", static_cast<int64_t>(dl.original_size()));
  }
  if (dl.original_key_truncated()) {
    w.Bool("original_key_truncated", true);
    w.Int64AsString("original_key_size", static_cast<int64_t>(dl.original_key_size()));
  }
  if (dl.minimal()) w.Bool("minimal", true);
  w.Close();
  return out;
}

}  // namespace tidings::proto
