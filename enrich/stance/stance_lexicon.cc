#include "enrich/stance/stance_lexicon.h"

#include <charconv>
#include <cstdlib>
#include <map>
#include <set>

#include "enrich/stance/stance_text.h"

namespace tidings::enrich::stance {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

struct Entry {
  std::string value;
  int line = 0;
};
struct Section {
  std::string name;
  int line = 0;
  std::map<std::string, Entry> keys;
};

Status ConfigError(const std::string& source, int line, const std::string& msg) {
  return Status(ErrorCode::kConfig, source + ":" + std::to_string(line) + ": " + msg);
}

// Cuts an inline comment: a '#' with white space (or the line start) before
// it and white space (or the line end) after it. A hashtag ("#SemST") is
// no comment.
std::string_view StripInlineComment(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '#') continue;
    const bool before = i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t';
    const bool after = i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\t';
    if (before && after) return Trim(line.substr(0, i));
  }
  return line;
}

// INI subset: [section], key = value, # comments (whole lines, or after a
// value as " # ..."), blank lines.
Result<std::vector<Section>> ParseIni(std::string_view text, const std::string& source) {
  std::vector<Section> out;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = Trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.front() != '#') line = StripInlineComment(line);
    if (line.empty() || line.front() == '#') {
      if (nl == text.size()) break;
      continue;
    }
    if (line.front() == '[') {
      if (line.back() != ']') return ConfigError(source, line_no, "section header without ']'");
      Section s;
      s.name = std::string(Trim(line.substr(1, line.size() - 2)));
      s.line = line_no;
      if (s.name.empty()) return ConfigError(source, line_no, "empty section name");
      out.push_back(std::move(s));
    } else {
      const size_t eq = line.find('=');
      if (eq == std::string_view::npos) return ConfigError(source, line_no, "expected 'key = value'");
      if (out.empty()) return ConfigError(source, line_no, "key outside a [section]");
      std::string key(Trim(line.substr(0, eq)));
      if (out.back().keys.count(key)) return ConfigError(source, line_no, "duplicate key '" + key + "'");
      out.back().keys[key] = Entry{std::string(Trim(line.substr(eq + 1))), line_no};
    }
    if (nl == text.size()) break;
  }
  return out;
}

std::vector<std::string_view> SplitBar(std::string_view v) {
  std::vector<std::string_view> items;
  size_t pos = 0;
  while (pos <= v.size()) {
    size_t bar = v.find('|', pos);
    if (bar == std::string_view::npos) bar = v.size();
    std::string_view item = Trim(v.substr(pos, bar - pos));
    if (!item.empty()) items.push_back(item);
    pos = bar + 1;
  }
  return items;
}

// "phrase[:weight]" with an optional trailing '*' on the last word.
Result<std::vector<Phrase>> ParsePhrases(const Entry& e, bool exact, bool weighted, const std::string& source) {
  std::vector<Phrase> out;
  for (std::string_view item : SplitBar(e.value)) {
    Phrase p;
    p.exact = exact;
    const size_t colon = item.rfind(':');
    if (weighted && colon != std::string_view::npos) {
      std::string w(Trim(item.substr(colon + 1)));
      char* end = nullptr;
      const double v = std::strtod(w.c_str(), &end);
      if (w.empty() || end != w.c_str() + w.size() || v <= 0 || v > 10)
        return ConfigError(source, e.line, "bad weight in '" + std::string(item) + "' (want 0 < w <= 10)");
      p.weight = static_cast<float>(v);
      item = Trim(item.substr(0, colon));
    }
    // Trailing punctuation the word must be followed by ("no," "really?").
    if (item.size() > 1 && std::string_view(",?!;:").find(item.back()) != std::string_view::npos) {
      p.follow = item.back();
      item.remove_suffix(1);
    }
    if (!item.empty() && item.back() == '*') {
      p.prefix_last = true;
      item.remove_suffix(1);
    }
    p.text = std::string(item);
    if (exact) {
      TokenizedText t = Tokenize(item);
      for (const auto& w : t.tokens) p.words.emplace_back(w.raw);
    } else {
      p.words = PhraseWords(item);
    }
    if (p.words.empty()) return ConfigError(source, e.line, "phrase without words: '" + std::string(item) + "'");
    out.push_back(std::move(p));
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Result<std::vector<Target>> ParseTargets(std::string_view text, const std::string& source) {
  auto ini = ParseIni(text, source);
  if (!ini.ok()) return ini.status();
  static const std::set<std::string> kKeys = {"name", "entities", "aliases", "exact", "favor", "against", "ignore", "allies", "rivals"};
  std::vector<Target> out;
  std::set<std::string> ids;
  for (const Section& s : ini.value()) {
    for (char c : s.name)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
        return ConfigError(source, s.line, "target id '" + s.name + "' must match [a-z0-9_]+");
    if (!ids.insert(s.name).second) return ConfigError(source, s.line, "duplicate target '" + s.name + "'");
    for (const auto& [k, e] : s.keys)
      if (!kKeys.count(k)) return ConfigError(source, e.line, "unknown key '" + k + "'");
    Target t;
    t.id = s.name;
    auto get = [&](const char* k) -> const Entry* {
      auto it = s.keys.find(k);
      return it == s.keys.end() ? nullptr : &it->second;
    };
    t.name = get("name") ? get("name")->value : t.id;
    if (const Entry* e = get("entities"))
      for (auto item : SplitBar(e->value)) t.entities.push_back(Lower(item));
    struct Spec {
      const char* key;
      std::vector<Phrase>* dst;
      bool exact, weighted;
    };
    for (const Spec& sp : {Spec{"aliases", &t.aliases, false, false}, Spec{"exact", &t.aliases, true, false},
                           Spec{"favor", &t.favor, false, true}, Spec{"against", &t.against, false, true},
                           Spec{"ignore", &t.ignore, false, false}}) {
      if (const Entry* e = get(sp.key)) {
        auto ph = ParsePhrases(*e, sp.exact, sp.weighted, source);
        if (!ph.ok()) return ph.status();
        for (auto& p : ph.value()) sp.dst->push_back(std::move(p));
      }
    }
    for (const char* k : {"allies", "rivals"})
      if (const Entry* e = get(k))
        for (auto item : SplitBar(e->value)) (std::string(k) == "allies" ? t.allies : t.rivals).emplace_back(item);
    if (t.aliases.empty() && t.entities.empty())
      return ConfigError(source, s.line, "target '" + t.id + "' has neither aliases nor entities");
    out.push_back(std::move(t));
  }
  if (out.empty()) return ConfigError(source, 1, "no targets");
  for (const Section& s : ini.value())
    for (const char* k : {"allies", "rivals"})
      if (auto it = s.keys.find(k); it != s.keys.end())
        for (auto item : SplitBar(it->second.value))
          if (!ids.count(std::string(item)))
            return ConfigError(source, it->second.line, "unknown target '" + std::string(item) + "' in " + k);
  if (out.size() > kMaxTargets)
    return ConfigError(source, 1, "more than " + std::to_string(kMaxTargets) + " targets");
  return out;
}

Result<CueLexicon> ParseCues(std::string_view text, const std::string& source) {
  auto ini = ParseIni(text, source);
  if (!ini.ok()) return ini.status();
  CueLexicon lex;
  const std::map<std::string, std::pair<std::vector<Phrase>*, bool>> slots = {
      {"general.negators", {&lex.negators, false}},   {"general.distancing", {&lex.distancing, false}},
      {"general.reporting", {&lex.reporting, false}}, {"general.patient", {&lex.patient, false}},
      {"general.first_person", {&lex.first_person, false}}, {"general.sentiment_ignore", {&lex.sentiment_ignore, false}}, {"reply.support", {&lex.support, true}},
      {"reply.deny", {&lex.deny, true}},              {"reply.query", {&lex.query, true}},
      {"reply.rhetorical", {&lex.rhetorical, true}},  {"reply.doubt", {&lex.doubt, false}},
      {"reply.affirm", {&lex.affirm, false}}};
  for (const Section& s : ini.value()) {
    for (const auto& [k, e] : s.keys) {
      auto it = slots.find(s.name + "." + k);
      if (it == slots.end()) return ConfigError(source, e.line, "unknown key '" + s.name + "." + k + "'");
      auto ph = ParsePhrases(e, false, it->second.second, source);
      if (!ph.ok()) return ph.status();
      *it->second.first = std::move(ph).value();
      if (k == "doubt" || k == "affirm")
        for (const Phrase& p : *it->second.first)
          if (p.words.size() != 1 || p.prefix_last)
            return ConfigError(source, e.line, "reply." + k + " takes single words: '" + p.text + "'");
    }
  }
  return lex;
}

Result<std::unordered_map<std::string, float>> ParseSentiment(std::string_view text, const std::string& source) {
  std::unordered_map<std::string, float> out;
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return ConfigError(source, line_no, "expected 'word<TAB>score'");
    float v = 0;
    std::string num(Trim(line.substr(tab + 1)));
    char* end = nullptr;
    v = std::strtof(num.c_str(), &end);
    if (num.empty() || end != num.c_str() + num.size()) return ConfigError(source, line_no, "bad score");
    out[std::string(line.substr(0, tab))] = v;
  }
  return out;
}

}  // namespace tidings::enrich::stance
