// The learned name tagger: training from a CoNLL corpus, the model directory
// it writes, the engine using it, and the errors an operator sees.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "enrich/engine.h"
#include "enrich/kb.h"
#include "enrich/learn/clusters.h"
#include "enrich/learn/model.h"
#include "enrich/names/features.h"
#include "enrich/names/tagger.h"
#include "enrich/names/train.h"

namespace tidings::enrich {
namespace {

namespace fs = std::filesystem;

class NamesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tidings_names_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string p = (dir_ / name).string();
    std::ofstream(p) << text;
    return p;
  }
  // A corpus whose names are made-up words: only context and shape tell.
  std::string SyntheticCorpus() {
    std::string c;
    const char* people[] = {"Zorblat", "Quenby", "Marlowe", "Tisdane", "Vorhees"};
    const char* places[] = {"Quxville", "Brandor", "Estmere", "Kalvik", "Orlath"};
    const char* orgs[] = {"Fenwick Group", "Dalmor Union", "Castrel Party"};
    for (int i = 0; i < 60; ++i) {
      c += std::string("Mr\tO\n") + people[i % 5] + "\tB-PER\nsaid\tO\nthe\tO\n" + orgs[i % 3];
      c.replace(c.rfind(orgs[i % 3]), std::string(orgs[i % 3]).size(), "");
      const std::string org = orgs[i % 3];
      const size_t sp = org.find(' ');
      c += org.substr(0, sp) + "\tB-ORG\n" + org.substr(sp + 1) + "\tI-ORG\n";
      c += std::string("would\tO\nmeet\tO\nin\tO\n") + places[i % 5] + "\tB-LOC\non\tO\nFriday\tO\n.\tO\n\n";
    }
    return c;
  }
  // Trains a model on `corpus` (read with `mapping`) into dir_/model.
  void Train(const std::string& mapping, const std::string& corpus, int epochs = 5, size_t runs = 1) {
    auto kb = KnowledgeBase::Create("");
    ASSERT_TRUE(kb.ok());
    names::NerTrainOptions o;
    o.train = {{mapping, Write("train.txt", corpus)}};
    o.epochs = epochs;
    o.runs = runs;
    o.bits = 16;
    o.output = (dir_ / "model").string();
    std::FILE* log = std::tmpfile();
    ASSERT_TRUE(names::TrainNames(o, **kb, log).ok());
    std::fclose(log);
  }
  // Enriches `text` with the model in dir_/model.
  Result<v1::EnrichedDocument> EnrichWithModel(const std::string& text, bool debug = false) {
    EngineOptions eo;
    eo.ner_model = (dir_ / "model").string();
    eo.debug = debug;
    auto engine = Engine::Create(eo);
    if (!engine.ok()) return engine.status();
    v1::Document d;
    d.set_id("x");
    d.set_kind("article");
    d.set_text(text);
    return (*engine)->Enrich(d);
  }
  // The synthetic corpus's sentence with these names, enriched with the
  // model in dir_/model: each name of its type.
  Result<v1::EnrichedDocument> ExpectNamesByContext(const std::string& person, const std::string& org,
                                                    const std::string& place) {
    auto out = EnrichWithModel("Yesterday Mr " + person + " said the " + org + " would meet in " + place +
                               " on Friday.");
    if (!out.ok()) return out;
    auto got = TypesOf(*out);
    EXPECT_EQ(got[person], v1::PERSON);
    EXPECT_EQ(got[org], v1::ORG);
    EXPECT_EQ(got[place], v1::LOC);
    return out;
  }
  static std::map<std::string, v1::EntityType> TypesOf(const v1::EnrichedDocument& out) {
    std::map<std::string, v1::EntityType> got;
    for (const auto& m : out.entities()) got[m.text()] = m.type();
    return got;
  }
  fs::path dir_;
};

TEST_F(NamesTest, TrainsAModelThatFindsNamesByContext) {
  ASSERT_NO_FATAL_FAILURE(Train("conll", SyntheticCorpus()));
  ASSERT_TRUE(fs::exists(dir_ / "model" / "model.bin"));
  ASSERT_TRUE(fs::exists(dir_ / "model" / "manifest.json"));
  auto out = ExpectNamesByContext("Tisdane", "Dalmor Union", "Estmere");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  // Unknown names get a document-level id from their name.
  for (const auto& m : out->entities()) EXPECT_EQ(m.id().rfind("tidings:", 0), 0u) << m.text();
}

// --runs: the model is the mean of several shuffles' weights; it still
// finds the names, and its manifest says how many runs it averages.
TEST_F(NamesTest, AModelAveragingSeveralRunsFindsNamesAndSaysSo) {
  ASSERT_NO_FATAL_FAILURE(Train("conll", SyntheticCorpus(), 5, 3));
  std::ifstream in(dir_ / "model" / "manifest.json");
  const std::string manifest((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(manifest.find("\"runs\": \"3\""), std::string::npos) << manifest;
  EXPECT_TRUE(ExpectNamesByContext("Quenby", "Castrel Party", "Kalvik").ok());
}

// CrossNER's domain types map onto the contract's: a politician is a
// PERSON, a party an ORG, a country a LOC; an album is not a name it tags.
TEST_F(NamesTest, CrossnerTypesMapOntoTheContract) {
  ASSERT_TRUE(names::ParseCorpusArg("crossner:x.txt").ok());
  std::string c = SyntheticCorpus();
  auto retag = [&c](const std::string& from, const std::string& to) {
    for (size_t at = c.find(from); at != std::string::npos; at = c.find(from, at + to.size())) {
      c.replace(at, from.size(), to);
    }
  };
  retag("-PER\n", "-politician\n");
  retag("-ORG\n", "-politicalparty\n");
  retag("-LOC\n", "-country\n");
  for (int i = 0; i < 30; ++i) c += "Mr\tO\nZorblat\tB-politician\nplayed\tO\nBlue\tB-album\nHorizons\tI-album\n.\tO\n\n";
  ASSERT_NO_FATAL_FAILURE(Train("crossner", c));
  EXPECT_TRUE(ExpectNamesByContext("Quenby", "Castrel Party", "Kalvik").ok());
}

// A name never ends with "of": the span takes the one right after it, or
// gives the word up.
TEST(NameSpans, AJoinerAtTheEndTakesTheNextSpanOrIsDropped) {
  // "University of London met in Paris and" as tokens 0..7.
  const std::vector<uint8_t> joiner = {0, 1, 0, 0, 0, 0, 1, 0};
  std::vector<names::Span> spans = {{0, 2, 3, 2.0f}, {2, 3, 5, 1.0f}, {5, 7, 5, 3.0f}};
  names::MendJoinerEnds(joiner, &spans);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].first, 0u);
  EXPECT_EQ(spans[0].end, 3u);
  EXPECT_EQ(spans[0].label, 3);
  EXPECT_FLOAT_EQ(spans[0].margin, 1.0f);
  EXPECT_EQ(spans[1].first, 5u);
  EXPECT_EQ(spans[1].end, 6u);
  EXPECT_TRUE(names::JoinsNameParts("of"));
  EXPECT_FALSE(names::JoinsNameParts("london"));
}

// The contract keeps a person's titles outside the name.
TEST(NameSpans, APersonGivesUpItsLeadingTitlesAndTitlesAloneAreDropped) {
  // "Prime Minister Narendra Modi met the Prime Minister and Prince" as tokens
  // 0..9; PERSON's B- label is 1, ORG's 3 here.
  const std::vector<uint8_t> title = {1, 1, 0, 0, 0, 0, 1, 1, 0, 1};
  std::vector<names::Span> spans = {{0, 4, 1, 2.0f}, {6, 7, 1, 1.0f}, {6, 8, 3, 1.0f}, {9, 10, 1, 1.0f}};
  auto is_title = [&](uint32_t k) { return k < title.size() && title[k] ? names::TitleWord::kTitle : names::TitleWord::kNone; };
  names::TrimTitles(is_title, 1, &spans);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0].first, 2u);  // "Narendra Modi"
  EXPECT_EQ(spans[0].end, 4u);
  EXPECT_EQ(spans[1].first, 6u);  // another type keeps its words
  EXPECT_EQ(spans[1].label, 3);
  EXPECT_EQ(spans[2].first, 9u);  // "Prince" alone, no title after it: kept
  std::vector<names::Span> alone = {{0, 2, 1, 1.0f}};  // "Prime Minister"
  names::TrimTitles(is_title, 1, &alone);
  EXPECT_TRUE(alone.empty());
  // "Foreign Minister Sergei Lavrov met Foreign Office staff": a modifier
  // goes with the title after it, not without one.
  using W = names::TitleWord;
  const std::vector<W> words = {W::kModifier, W::kTitle, W::kNone, W::kNone, W::kNone, W::kModifier, W::kNone, W::kNone};
  auto word = [&](uint32_t k) { return k < words.size() ? words[k] : W::kNone; };
  std::vector<names::Span> compound = {{0, 4, 1, 1.0f}, {5, 7, 1, 1.0f}};
  names::TrimTitles(word, 1, &compound);
  ASSERT_EQ(compound.size(), 2u);
  EXPECT_EQ(compound[0].first, 2u);  // "Sergei Lavrov"
  EXPECT_EQ(compound[1].first, 5u);  // "Foreign Office" keeps its words
}

TEST(NameSpans, AnOrganisationRunningThroughATitleIntoANameIsCut) {
  using W = names::TitleWord;
  // "NATO Secretary - General Jaap de Hoop Scheffer" (0..7), "Deputy
  // Attorney General Rahmatullah Nazari" (8..12), "Office of the President
  // of Chad" (13..18); ORG's B- label 3, PERSON's 1.
  const std::vector<W> words = {W::kNone, W::kTitle, W::kModifier, W::kTitle, W::kNone, W::kNone, W::kNone,
                                W::kNone, W::kTitle, W::kModifier, W::kTitle, W::kNone,  W::kNone, W::kNone,
                                W::kNone, W::kNone, W::kTitle,    W::kNone, W::kNone};
  const std::vector<bool> upper = {true, true,  false, true, true, false, true, true, true, true,
                                   true, true,  true,  true, false, false, true, false, true};
  auto word = [&](uint32_t k) { return k < words.size() ? words[k] : W::kNone; };
  auto up = [&](uint32_t k) { return k < upper.size() && upper[k]; };
  std::vector<names::Span> spans = {{0, 8, 3, 1.0f}, {8, 13, 3, 2.0f}, {13, 19, 3, 3.0f}};
  auto no_org = [](uint32_t) { return false; };
  names::SplitOrgTitlePerson(word, up, no_org, 3, 1, &spans);
  ASSERT_EQ(spans.size(), 4u);
  EXPECT_EQ(spans[0].first, 0u);  // "NATO"
  EXPECT_EQ(spans[0].end, 1u);
  EXPECT_EQ(spans[0].label, 3);
  EXPECT_EQ(spans[1].first, 4u);  // "Jaap de Hoop Scheffer"
  EXPECT_EQ(spans[1].end, 8u);
  EXPECT_EQ(spans[1].label, 1);
  EXPECT_EQ(spans[2].first, 11u);  // "Rahmatullah Nazari"; "Deputy" alone is no organisation
  EXPECT_EQ(spans[2].label, 1);
  EXPECT_EQ(spans[3].first, 13u);  // "of the President": not cut
  EXPECT_EQ(spans[3].end, 19u);
}

TEST(NameSpans, TitlesEndingAnOrganisationAreCutOff) {
  using W = names::TitleWord;
  // "NATO Secretary - General" (0..3), then "Secretary - General" alone (4..6).
  const std::vector<W> words = {W::kNone, W::kTitle, W::kModifier, W::kTitle, W::kTitle, W::kModifier, W::kTitle};
  auto word = [&](uint32_t k) { return k < words.size() ? words[k] : W::kNone; };
  auto up = [](uint32_t k) { return k != 2 && k != 5; };
  auto no_org = [](uint32_t) { return false; };
  std::vector<names::Span> spans = {{0, 4, 3, 1.0f}, {4, 7, 3, 1.0f}};
  names::SplitOrgTitlePerson(word, up, no_org, 3, 1, &spans);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].end, 1u);  // "NATO"; "Secretary-General" alone is no organisation
}

TEST(NameSpans, ATitleEndingAnOrganisationBeforeAPersonIsCutOff) {
  using W = names::TitleWord;
  // "FBI Director" (0..2) before "Louis Freeh" (2..4); "Acme Corp Chairman"
  // (5..8) before "John Smith" (8..10); "Acme Director" (11..13) before no
  // person stays as it is.
  const std::vector<W> words = {W::kNone, W::kTitle, W::kNone, W::kNone, W::kNone, W::kNone, W::kNone,
                                W::kTitle, W::kNone, W::kNone, W::kNone, W::kNone, W::kTitle};
  auto word = [&](uint32_t k) { return k < words.size() ? words[k] : W::kNone; };
  auto up = [](uint32_t) { return true; };
  auto no_org = [](uint32_t) { return false; };
  std::vector<names::Span> spans = {{0, 2, 3, 1.0f}, {2, 4, 1, 1.0f}, {5, 8, 3, 1.0f}, {8, 10, 1, 1.0f},
                                    {11, 13, 3, 1.0f}};
  names::SplitOrgTitlePerson(word, up, no_org, 3, 1, &spans);
  ASSERT_EQ(spans.size(), 5u);
  EXPECT_EQ(spans[0].end, 1u);  // "FBI"
  EXPECT_EQ(spans[2].end, 7u);  // "Acme Corp"
  EXPECT_EQ(spans[4].end, 13u);
}

TEST(NameSpans, ATitleWordBeforeAnOrganisationWordCutsNothing) {
  using W = names::TitleWord;
  // "English Premier League" (0..2): "Premier" is a title, "League" an
  // organisation word.
  const std::vector<W> words = {W::kNone, W::kTitle, W::kNone};
  auto word = [&](uint32_t k) { return k < words.size() ? words[k] : W::kNone; };
  auto up = [](uint32_t k) { return k < 3; };
  auto org = [](uint32_t k) { return k == 2; };
  std::vector<names::Span> spans = {{0, 3, 3, 1.0f}};
  names::SplitOrgTitlePerson(word, up, org, 3, 1, &spans);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].end, 3u);
  EXPECT_EQ(spans[0].label, 3);
}

TEST(NameSpans, AnOrganisationNamedByItsHeadIsThePerson) {
  // "the Biden administration and the Labour Party administration" (0..7)
  const std::vector<uint8_t> admin = {0, 0, 1, 0, 0, 0, 0, 1};
  std::vector<names::Span> spans = {{1, 2, 3, 1.0f}, {5, 7, 3, 1.0f}};
  names::PersonBeforeAdministration([&](uint32_t k) { return k < admin.size() && admin[k] != 0; }, 3, 1, &spans);
  EXPECT_EQ(spans[0].label, 1);  // "Biden"
  EXPECT_EQ(spans[1].label, 3);  // two words: stays
}

TEST(NameSpans, ATitlesComplementIsNoName) {
  using W = names::TitleWord;
  // "Secretary of State met the Ministry of Foreign Affairs" (0..8)
  const std::vector<W> words = {W::kTitle, W::kNone, W::kModifier, W::kNone, W::kNone,
                                W::kNone,  W::kNone, W::kModifier, W::kModifier};
  const std::vector<bool> of = {false, true, false, false, false, false, true, false, false};
  std::vector<names::Span> spans = {{2, 3, 3, 1.0f}, {5, 9, 3, 1.0f}, {7, 9, 3, 1.0f}};
  auto capital = [](uint32_t) { return true; };
  auto no_article = [](uint32_t) { return false; };
  names::DropTitleComplements([&](uint32_t k) { return words[k]; }, [&](uint32_t k) { return of[k] != 0; },
                              no_article, capital, 1, &spans);
  ASSERT_EQ(spans.size(), 2u);  // "State" goes; the ministry stays, and so does a span after it
  EXPECT_EQ(spans[0].first, 5u);
  EXPECT_EQ(spans[1].first, 7u);
  // "Secretary of State Antony Blinken" (0..4), the ORG "State Antony
  // Blinken": the complement goes, the name is the person's.
  const std::vector<W> words2 = {W::kTitle, W::kNone, W::kModifier, W::kNone, W::kNone};
  std::vector<names::Span> spans2 = {{2, 5, 3, 1.0f}};
  names::DropTitleComplements([&](uint32_t k) { return words2[k]; }, [&](uint32_t k) { return k == 1; },
                              no_article, capital, 1, &spans2);
  ASSERT_EQ(spans2.size(), 1u);
  EXPECT_EQ(spans2[0].first, 3u);
  EXPECT_EQ(spans2[0].end, 5u);
  EXPECT_EQ(spans2[0].label, 1);
  // "Secretary of State for African Affairs": "for" is no name's word.
  std::vector<names::Span> spans3 = {{2, 5, 3, 1.0f}};
  names::DropTitleComplements([&](uint32_t k) { return words2[k]; }, [&](uint32_t k) { return k == 1; },
                              no_article, [](uint32_t k) { return k != 3; }, 1, &spans3);
  // "Chancellor of the Exchequer Gordon Brown" (0..5): the article between.
  const std::vector<W> words4 = {W::kTitle, W::kNone, W::kNone, W::kModifier, W::kNone, W::kNone};
  std::vector<names::Span> spans4 = {{3, 6, 1, 1.0f}};
  names::DropTitleComplements([&](uint32_t k) { return words4[k]; }, [&](uint32_t k) { return k == 1; },
                              [](uint32_t k) { return k == 2; }, capital, 1, &spans4);
  ASSERT_EQ(spans4.size(), 1u);
  EXPECT_EQ(spans4[0].first, 4u);
  EXPECT_EQ(spans4[0].end, 6u);
  ASSERT_EQ(spans3.size(), 1u);
  EXPECT_EQ(spans3[0].first, 2u);
  EXPECT_EQ(spans3[0].label, 3);
}

TEST(NameSpans, ANationalityBeforeACompanysTradeIsPartOfItsName) {
  // "British Airways and Venezuelan Congress" as tokens 0..4; NORP 7, ORG 3.
  const std::vector<uint8_t> trade = {0, 1, 0, 0, 0};
  std::vector<names::Span> spans = {{0, 1, 7, 2.0f}, {1, 2, 3, 1.0f}, {3, 4, 7, 1.0f}, {4, 5, 3, 1.0f}};
  auto no_head = [](uint32_t, uint32_t, uint32_t) { return false; };
  names::JoinNationalityOrg([&](uint32_t k) { return trade[k] != 0; }, no_head, 7, 5, 3, &spans);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0].first, 0u);  // "British Airways"
  EXPECT_EQ(spans[0].end, 2u);
  EXPECT_EQ(spans[0].label, 3);
  EXPECT_FLOAT_EQ(spans[0].margin, 1.0f);
  EXPECT_EQ(spans[1].label, 7);  // "Venezuelan" + "Congress" stay apart
  EXPECT_EQ(spans[2].label, 3);
}

TEST(NameSpans, ATradeWordOutsideAnySpanJoinsTheNationalityOrPlaceBeforeIt) {
  // "British Airways , Kenya Airways and Qatar" as tokens 0..6; NORP 7, LOC 5,
  // ORG 3. The model left both "Airways" outside any span.
  const std::vector<uint8_t> trade = {0, 1, 0, 0, 1, 0, 0};
  std::vector<names::Span> spans = {{0, 1, 7, 2.0f}, {3, 4, 5, 1.5f}, {6, 7, 5, 1.0f}};
  auto no_head = [](uint32_t, uint32_t, uint32_t) { return false; };
  names::JoinNationalityOrg([&](uint32_t k) { return k < trade.size() && trade[k] != 0; }, no_head, 7, 5, 3,
                            &spans);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0].end, 2u);  // "British Airways"
  EXPECT_EQ(spans[0].label, 3);
  EXPECT_FLOAT_EQ(spans[0].margin, 2.0f);
  EXPECT_EQ(spans[1].first, 3u);  // "Kenya Airways"
  EXPECT_EQ(spans[1].end, 5u);
  EXPECT_EQ(spans[1].label, 3);
  EXPECT_EQ(spans[2].end, 7u);  // "Qatar", at the end, stays a place
  EXPECT_EQ(spans[2].label, 5);
}

// Both parts of a particle compound must be in a name, of whatever type
// the model gives them; its particle and hyphens are left free, and a
// lower-case word before "-e-" begins no compound.
TEST(NameSpans, BothPartsOfAParticleCompoundAreANameTheModelTypes) {
  const std::string text = "Fighting spread to Mazar-i-Sharif and reached Lashkar-e-Taiba, not well-e-Known.";
  const std::vector<Token> tokens = Tokenize(text);
  std::string storage;
  const KeyViews keys = TokenKeyViews(text, tokens, &storage);
  const std::vector<int> forced = names::ForcedLabels(text, {}, tokens, keys);
  ASSERT_EQ(forced.size(), tokens.size());
  std::vector<std::string> named;
  for (size_t k = 0; k < tokens.size(); ++k) {
    if (forced[k] == names::kNamed) named.emplace_back(TokenText(text, tokens[k]));
    else EXPECT_EQ(forced[k], -1) << TokenText(text, tokens[k]);
  }
  EXPECT_EQ(named, (std::vector<std::string>{"Mazar", "Sharif", "Lashkar", "Taiba"}));
}

TEST_F(NamesTest, DebugExplainsModelDecisions) {
  ASSERT_NO_FATAL_FAILURE(Train("conll", SyntheticCorpus(), 3));
  auto out = EnrichWithModel("Mr Vorhees said the Castrel Party would meet in Kalvik on Friday.", /*debug=*/true);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  bool explained = false;
  for (const auto& m : out->entities()) {
    if (m.text() == "Vorhees") explained = m.rule().rfind("ner:model[", 0) == 0 && m.rule().find("prev=mr") != std::string::npos;
  }
  EXPECT_TRUE(explained);
}

TEST_F(NamesTest, BadCorpusLinesNameFileAndLineAndWriteNothing) {
  auto kb = KnowledgeBase::Create("");
  ASSERT_TRUE(kb.ok());
  names::NerTrainOptions o;
  o.train = {{"conll", Write("bad.conll", "Alice\tB-PER\nno tab here\n")}};
  o.output = (dir_ / "model").string();
  std::FILE* log = std::tmpfile();
  Status st = names::TrainNames(o, **kb, log);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), ErrorCode::kConfig);
  EXPECT_NE(st.message().find("bad.conll:2"), std::string::npos) << st.message();
  EXPECT_FALSE(fs::exists(dir_ / "model" / "model.bin"));

  o.train = {{"conll", Write("bad2.conll", "Alice\tX-PER\n")}};
  st = names::TrainNames(o, **kb, log);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("bad2.conll:1: bad tag 'X-PER'"), std::string::npos) << st.message();
  std::fclose(log);

  auto arg = names::ParseCorpusArg("klingon:/x.conll");
  ASSERT_FALSE(arg.ok());
  EXPECT_NE(arg.status().message().find("unknown corpus mapping 'klingon'"), std::string::npos);
  EXPECT_FALSE(names::ParseCorpusArg("/no/mapping.conll").ok());
}

TEST_F(NamesTest, CorruptOrForeignModelFailsEngineStartUp) {
  fs::create_directories(dir_ / "bad");
  Write("bad/model.bin", "TIDLRN\r\n garbage garbage garbage");
  EngineOptions eo;
  eo.ner_model = (dir_ / "bad").string();
  auto e = Engine::Create(eo);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), ErrorCode::kConfig);
  EXPECT_NE(e.status().message().find("model.bin"), std::string::npos) << e.status().message();

  // A valid model file of another kind.
  learn::LinearModel other({"a", "b"}, 4, false);
  other.mutable_manifest()["kind"] = "stance";
  ASSERT_TRUE(other.Save((dir_ / "bad" / "model.bin").string()).ok());
  e = Engine::Create(eo);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("not a name model"), std::string::npos) << e.status().message();

  eo.ner_model = (dir_ / "missing").string();
  e = Engine::Create(eo);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), ErrorCode::kIo);
}

// Word clusters: the model directory keeps the ones the model was trained
// with, its manifest says which, and a model without its own clusters (none,
// or others) fails to load with a message that says so.
TEST_F(NamesTest, AModelKeepsTheWordClustersItWasTrainedWith) {
  const std::string tsv = Write("clusters.tsv",
                                "Quxville\t5 1\nBrandor\t5 1\nEstmere\t5 1\nKalvik\t5 1\nOrlath\t5 1\nNorvale\t5 1\n"
                                "Zorblat\t3 0\nQuenby\t3 0\nMarlowe\t3 0\nTisdane\t3 0\nVorhees\t3 0\n");
  auto kb = KnowledgeBase::Create("");
  ASSERT_TRUE(kb.ok());
  names::NerTrainOptions o;
  o.train = {{"conll", Write("train.txt", SyntheticCorpus())}};
  o.epochs = 5;
  o.bits = 16;
  o.clusters = tsv;
  o.output = (dir_ / "model").string();
  std::FILE* log = std::tmpfile();
  ASSERT_TRUE(names::TrainNames(o, **kb, log).ok());
  ASSERT_TRUE(fs::exists(dir_ / "model" / "clusters.bin"));
  auto m = names::NameModel::Load(o.output);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_NE((*m)->clusters(), nullptr);
  EXPECT_EQ((*m)->clusters()->size(), 11u);
  const auto& man = (*m)->model().manifest();
  EXPECT_EQ(man.at("feature_set"), names::kFeatureSet);
  EXPECT_EQ(man.at("clusters_checksum"), names::ChecksumHex((*m)->clusters()->checksum()));
  EXPECT_NE(man.at("clusters").find("/clusters.tsv sha256="), std::string::npos) << man.at("clusters");
  auto out = EnrichWithModel("Yesterday Mr Tisdane said the Dalmor Union would meet in Norvale on Friday.");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(TypesOf(*out)["Norvale"], v1::LOC);

  // Other clusters beside the model: refused, naming both checksums.
  auto oc = learn::WordClusters::FromTsv("Norvale\t1 1\n", "other.tsv", [](std::string_view w) { return std::string(w); });
  ASSERT_TRUE(oc.ok());
  ASSERT_TRUE(learn::WriteFileAtomically((dir_ / "model" / "clusters.bin").string(), oc->Serialize()).ok());
  m = names::NameModel::Load(o.output);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), ErrorCode::kConfig);
  EXPECT_NE(m.status().message().find("was trained with word clusters of checksum"), std::string::npos)
      << m.status().message();
  // None beside it.
  fs::remove(dir_ / "model" / "clusters.bin");
  m = names::NameModel::Load(o.output);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("the clusters.bin beside it is missing"), std::string::npos) << m.status().message();
  // A corrupt clusters.bin.
  Write("model/clusters.bin", oc->Serialize().substr(0, 30));
  m = names::NameModel::Load(o.output);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("clusters.bin is corrupt"), std::string::npos) << m.status().message();

  // A directory where the file should be: an error, not a crash.
  fs::remove(dir_ / "model" / "clusters.bin");
  fs::create_directories(dir_ / "model" / "clusters.bin");
  m = names::NameModel::Load(o.output);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("not a regular file"), std::string::npos) << m.status().message();
  fs::remove(dir_ / "model" / "clusters.bin");

  // Retrained without clusters into the same directory: no clusters in the
  // manifest, and the old clusters.bin is gone.
  o.clusters.clear();
  ASSERT_TRUE(names::TrainNames(o, **kb, log).ok());
  std::fclose(log);
  EXPECT_FALSE(fs::exists(dir_ / "model" / "clusters.bin"));
  m = names::NameModel::Load(o.output);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ((*m)->clusters(), nullptr);
  EXPECT_EQ((*m)->model().manifest().at("feature_set"), names::kFeatureSet);
  EXPECT_EQ((*m)->model().manifest().count("clusters_checksum"), 0u);
}

// The shipped model on news it was not written for: names the knowledge
// base does not have, typed by context (issue 9's examples).
TEST_F(NamesTest, BuiltInModelTypesUnknownNewsNames) {
  if (!names::NameModel::BuiltIn().ok()) GTEST_SKIP() << "this build has no built-in name model";
  auto engine = Engine::Create({});
  ASSERT_TRUE(engine.ok());
  v1::Document d;
  d.set_id("x");
  d.set_kind("article");
  d.set_published_at("2024-05-02T00:00:00Z");
  d.set_text("Prime Minister Keir Starmer met Chancellor Olaf Scholz in London on Tuesday. "
             "Starmer said the talks with Scholz had gone well.");
  auto out = (*engine)->Enrich(d);
  ASSERT_TRUE(out.ok());
  std::map<std::string, v1::EntityType> got;
  std::map<std::string, std::string> id;
  for (const auto& m : out->entities()) got[m.text()] = m.type(), id[m.text()] = m.id();
  EXPECT_EQ(got["Keir Starmer"], v1::PERSON);
  EXPECT_EQ(got["Olaf Scholz"], v1::PERSON);
  EXPECT_EQ(got["London"], v1::LOC);
  // A later surname is the same person, with the same document-level id.
  EXPECT_EQ(got["Starmer"], v1::PERSON);
  EXPECT_EQ(id["Starmer"], id["Keir Starmer"]);
}

TEST_F(NamesTest, BuiltInModelLoadsWhenShipped) {
  auto m = names::NameModel::BuiltIn();
  if (!m.ok()) {
    EXPECT_EQ(m.status().code(), ErrorCode::kNotFound);
    GTEST_SKIP() << "this build has no built-in name model";
  }
  EXPECT_EQ((*m)->model().manifest().at("kind"), "names");
  EXPECT_EQ((*m)->model().manifest().at("feature_set"), names::kFeatureSet);
}

}  // namespace
}  // namespace tidings::enrich
