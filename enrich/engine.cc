// The enrichment engine: language, text basics, entities, dates, then stance.
#include "enrich/engine.h"

#include <chrono>
#include <string_view>
#include <unordered_set>

#include "enrich/dates.h"
#include "enrich/entities.h"
#include "enrich/kb.h"
#include "enrich/kb_exact.h"
#include "enrich/lang/lang.h"
#include "enrich/names/tagger.h"
#include "enrich/stance/stance.h"
#include "enrich/text.h"
#include "enrich/thread_names.h"

namespace tidings::enrich {
namespace {

constexpr std::string_view kVersion = "tidings-enrich/1.0";

double MsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// A name inside a date's span is the date's words ("New Year" of "New
// Year's Eve", "Christmas"): the date rules know the holidays, the name
// model took them for an organisation or a place. An event stays ("9/11"
// is both). Both lists are in text order.
void DropNamesInsideDates(v1::EnrichedDocument* out) {
  auto* ents = out->mutable_entities();
  const auto& dates = out->dates();
  if (ents->empty() || dates.empty()) return;
  int w = 0, d = 0;
  for (int i = 0; i < ents->size(); ++i) {
    const v1::EntityMention& e = ents->Get(i);
    while (d < dates.size() && dates.Get(d).end() <= e.begin()) ++d;
    const bool inside = d < dates.size() && dates.Get(d).begin() <= e.begin() && e.end() <= dates.Get(d).end() &&
                        e.type() != v1::EVENT;
    if (inside) continue;
    if (w != i) ents->SwapElements(w, i);
    ++w;
  }
  if (w < ents->size()) ents->DeleteSubrange(w, ents->size() - w);
}

class RuleEngine final : public Engine {
 public:
  RuleEngine(std::unique_ptr<KnowledgeBase> kb, std::unique_ptr<names::NameModel> names,
             std::unique_ptr<StanceTagger> stance, bool debug)
      : kb_(std::move(kb)), names_(std::move(names)), entities_(kb_.get(), names_.get()),
        stance_(std::move(stance)), debug_(debug) {}

  Status EnrichInto(const v1::Document& doc, const ThreadContext& ctx,
                    v1::EnrichedDocument* out_ptr) const override {
    const auto t0 = std::chrono::steady_clock::now();
    const std::string& text = doc.text();
    if (!IsValidUtf8(text)) {
      return Status(ErrorCode::kEnrichFailed, "text is not valid UTF-8");
    }
    v1::EnrichedDocument& out = *out_ptr;
    out.Clear();
    *out.mutable_document() = doc;
    out.set_enricher_version(std::string(kVersion));

    // The language decides which taggers run: the English rules for English
    // and undetermined text, exact knowledge-base names only for the rest.
    // A confident detection that contradicts the given language is recorded
    // beside it and is what the taggers go by. A document given another
    // language is CLD2's alone: its shares of the languages decide that.
    const LanguageGuess guess =
        EnglishRulesApply(doc.language()) ? DetectLanguage(text) : DetectLanguageWithCld2(text);
    if (doc.language().empty()) {
      out.mutable_document()->set_language(guess.code);
    } else if (ConfidentlyDiffers(guess, doc.language())) {
      out.set_language_detected(guess.code);
    }
    const bool english = EnglishRulesApply(out.language_detected().empty() ? out.document().language()
                                                                           : out.language_detected());

    // The anchor: published_at, else the thread root's, else the text's.
    std::optional<CivilDate> anchor;
    if (auto d = ParseIsoDate(doc.published_at())) {
      anchor = d;
      out.mutable_anchor()->set_value(doc.published_at());
      out.mutable_anchor()->set_source("published_at");
    } else if (ctx.root != nullptr && ParseIsoDate(ctx.root->anchor)) {
      anchor = ParseIsoDate(ctx.root->anchor);
      out.mutable_anchor()->set_value(ctx.root->anchor);
      out.mutable_anchor()->set_inferred(true);
      out.mutable_anchor()->set_source("thread");
    } else if (ctx.parent != nullptr && ParseIsoDate(ctx.parent->anchor)) {
      anchor = ParseIsoDate(ctx.parent->anchor);
      out.mutable_anchor()->set_value(ctx.parent->anchor);
      out.mutable_anchor()->set_inferred(true);
      out.mutable_anchor()->set_source("thread");
    } else if (english) {
      std::string source;
      if (auto d = InferAnchor(text, &source)) {
        anchor = d;
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
        out.mutable_anchor()->set_value(buf);
        out.mutable_anchor()->set_inferred(true);
        out.mutable_anchor()->set_source(source);
      }
    }

    std::vector<Token> tokens = Tokenize(text);
    CodePointIndex cps(text);
    MarkSentenceStarts(SplitSentences(text, cps), &tokens);
    std::string key_storage;
    const KeyViews keys = TokenKeyViews(text, tokens, &key_storage);

    if (!english) {
      const auto t1 = std::chrono::steady_clock::now();
      TagExactKbNames(*kb_, text, tokens, keys, cps, debug_, out.mutable_entities());
      out.mutable_timings()->set_entities_ms(MsSince(t1));
      out.mutable_timings()->set_total_ms(MsSince(t0));
      return Status::Ok();
    }

    auto t1 = std::chrono::steady_clock::now();
    // Person names the thread already knows: authors and person mentions of
    // the parent and the root.
    // Each name once (the parent is often the root).
    std::vector<std::string> context_names;
    std::unordered_set<std::string_view> seen;
    auto add_name = [&](const std::string& name) {
      if (seen.insert(name).second) context_names.push_back(name);
    };
    for (const ThreadDoc* c : {ctx.parent, ctx.root}) {
      if (c == nullptr) continue;
      if (!c->author.empty()) add_name(c->author);
      for (const std::string& name : c->person_names) add_name(name);
    }
    if (!doc.author().empty()) add_name(doc.author());
    entities_.Tag(text, tokens, keys, cps, debug_, out.mutable_entities(), &context_names);
    if (ctx.parent != nullptr || ctx.root != nullptr)
      TagThreadNamesInLowerCase(text, tokens, keys, cps, debug_, {ctx.parent, ctx.root}, out.mutable_entities());
    // The knowledge base's names in lower case: in a writer's text all in
    // lower case, and in any comment (a reader writes "from london", "in
    // shymkent" among capitals too); the pass's own guards keep one word
    // to a place after a place's preposition, but for a country's or a
    // company's own one-word name in a text all in lower case ("more than
    // italy").
    if (doc.kind() == "comment" || WritesInLowerCase(text, tokens))
      TagKbNamesInLowerCase(*kb_, text, tokens, keys, cps, debug_, out.mutable_entities());
    out.mutable_timings()->set_entities_ms(MsSince(t1));

    t1 = std::chrono::steady_clock::now();
    TagDates(text, tokens, keys, cps, anchor ? &*anchor : nullptr, debug_, out.mutable_dates());
    DropNamesInsideDates(&out);
    out.mutable_timings()->set_dates_ms(MsSince(t1));

    t1 = std::chrono::steady_clock::now();
    if (stance_) stance_->Tag(ctx, &out);
    out.mutable_timings()->set_stance_ms(MsSince(t1));
    out.mutable_timings()->set_total_ms(MsSince(t0));
    return Status::Ok();
  }

  std::string Version() const override { return std::string(kVersion); }

 private:
  std::unique_ptr<KnowledgeBase> kb_;
  std::unique_ptr<names::NameModel> names_;  // null: the rules alone
  EntityTagger entities_;
  std::unique_ptr<StanceTagger> stance_;
  bool debug_;
};

}  // namespace

OutputArena::OutputArena(size_t first_block_bytes) : block_(new char[first_block_bytes]) {
  google::protobuf::ArenaOptions opts;
  opts.initial_block = block_.get();
  opts.initial_block_size = first_block_bytes;
  arena_ = std::make_unique<google::protobuf::Arena>(opts);
}

v1::EnrichedDocument* OutputArena::Document() {
  arena_->Reset();
  return google::protobuf::Arena::CreateMessage<v1::EnrichedDocument>(arena_.get());
}

Result<std::unique_ptr<Engine>> Engine::Create(const EngineOptions& opts) {
  auto kb = KnowledgeBase::Create(opts.kb_extra_path);
  if (!kb.ok()) return kb.status();
  std::unique_ptr<names::NameModel> names;
  if (opts.ner_model != "none") {
    auto m = opts.ner_model.empty() ? names::NameModel::BuiltIn() : names::NameModel::Load(opts.ner_model);
    if (m.ok()) {
      names = std::move(m).value();
    } else if (!opts.ner_model.empty() || m.status().code() != ErrorCode::kNotFound) {
      return m.status();
    }
  }
  auto stance = StanceTagger::Create(StanceOptions{.targets_path = opts.targets_path,
                                                   .stance_model = opts.stance_model,
                                                   .reply_model = opts.reply_model,
                                                   .debug = opts.debug});
  if (!stance.ok()) return stance.status();
  return std::unique_ptr<Engine>(new RuleEngine(std::move(kb).value(), std::move(names),
                                                std::move(stance).value(), opts.debug));
}

}  // namespace tidings::enrich
