// Linking by context (issue 9, item 3): an alias generated.tsv gives to
// several entities ("Georgia", "Tripoli") links to the one of the mention's
// type that the document's other places support, and to the first
// definition when nothing does.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "enrich/engine.h"
#include "enrich/entities.h"
#include "enrich/kb.h"
#include "enrich/names/linker.h"

namespace tidings::enrich {
namespace {

namespace v1 = ::tidings::v1;

class LinkerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    EngineOptions o;
    o.debug = true;  // the rule says how a mention was linked
    auto e = Engine::Create(o);
    ASSERT_TRUE(e.ok()) << e.status().message();
    engine_ = std::move(*e).release();
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }
  // The ids of the mentions of `text` in the enriched `body`, in order.
  static std::vector<std::string> IdsOf(const std::string& body, const std::string& text,
                                        std::string* rule = nullptr) {
    v1::Document d;
    d.set_id("doc");
    d.set_kind("article");
    d.set_language("en");
    d.set_published_at("2024-05-01T00:00:00Z");
    d.set_text(body);
    auto out = engine_->Enrich(d);
    EXPECT_TRUE(out.ok());
    std::vector<std::string> ids;
    for (const auto& m : out->entities()) {
      if (m.text() != text) continue;
      ids.push_back(m.id());
      if (rule != nullptr) *rule = m.rule();
    }
    return ids;
  }
  static Engine* engine_;
};
Engine* LinkerTest::engine_ = nullptr;

TEST(Linker, ADocumentLevelIdIsTheNameInLowerCase) {
  EXPECT_EQ(NameSlug("Jensen Huang"), "tidings:jensen-huang");
  // Letters beyond ASCII too: Latin-1 and Latin Extended-A capitals.
  EXPECT_EQ(NameSlug("\u00dana Creedon"), "tidings:\u00fana-creedon");
  EXPECT_EQ(NameSlug("\u0141ukasz \u017belazny"), "tidings:\u0142ukasz-\u017celazny");
  EXPECT_EQ(NameSlug("S\u00f8ren Kj\u00e6rgaard"), "tidings:s\u00f8ren-kj\u00e6rgaard");
  // Other scripts as they are.
  EXPECT_EQ(NameSlug("\u0410\u043d\u043d\u0430 K"), "tidings:\u0410\u043d\u043d\u0430-k");
}

TEST_F(LinkerTest, SharedAliasHasAlternatesInFileOrder) {
  auto kb = KnowledgeBase::Create("");
  ASSERT_TRUE(kb.ok());
  const std::string text = "Georgia";
  auto tokens = Tokenize(text);
  auto keys = TokenKeys(text, tokens);
  KnowledgeBase::Match m;
  ASSERT_TRUE((*kb)->LongestMatch(text, tokens, keys, 0, &m));
  EXPECT_EQ((*kb)->entities()[m.entity].id, "iso3166:GE");
  ASSERT_NE(m.alternates, nullptr);
  std::vector<std::string> alt;
  for (int32_t a : *m.alternates) alt.push_back((*kb)->entities()[a].id);
  EXPECT_EQ(alt, std::vector<std::string>{"iso3166-2:US-GA"});
  // The entity of a type: the first definition of that type.
  const KbEntity* loc = names::EntityOfType(**kb, m, v1::LOC);
  ASSERT_NE(loc, nullptr);
  EXPECT_EQ(loc->id, "iso3166:GE");
  EXPECT_EQ(names::EntityOfType(**kb, m, v1::PERSON), nullptr);
  // The state's context: its country, as ISO and as the curated entity.
  const KbEntity& state = (*kb)->entities()[(*m.alternates)[0]];
  EXPECT_EQ(state.context, (std::vector<std::string>{"iso3166:US", "Q30"}));
}

TEST_F(LinkerTest, FifthColumnIsContextAndOtherCountsFail) {
  const auto dir = std::filesystem::temp_directory_path();
  const std::string good = (dir / "tidings_linker_good.tsv").string();
  const std::string bad = (dir / "tidings_linker_bad.tsv").string();
  std::ofstream(good) << "LOC\tQuxville\ttest:qux\tQuxville\tiso3166:GE|test:region\n";
  std::ofstream(bad) << "LOC\tQuxville\ttest:qux\tQuxville\tiso3166:GE\textra\n";
  auto kb = KnowledgeBase::Create(good);
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  EXPECT_EQ((*kb)->entities()[0].context, (std::vector<std::string>{"iso3166:GE", "test:region"}));
  auto err = KnowledgeBase::Create(bad);
  ASSERT_FALSE(err.ok());
  EXPECT_NE(err.status().message().find("tidings_linker_bad.tsv:1: expected 4 or 5"), std::string::npos)
      << err.status().message();
  std::filesystem::remove(good);
  std::filesystem::remove(bad);
}

TEST_F(LinkerTest, NearbyPlaceChoosesTheUsState) {
  std::string rule;
  auto ids = IdsOf("The storm hit Atlanta, Georgia, on Monday, and the governor of Georgia "
                   "declared an emergency.",
                   "Georgia", &rule);
  // Every mention of the alias in the document gets the same entity.
  EXPECT_EQ(ids, (std::vector<std::string>{"iso3166-2:US-GA", "iso3166-2:US-GA"}));
  EXPECT_NE(rule.find("+context"), std::string::npos) << rule;
}

TEST_F(LinkerTest, WithoutSupportTheFirstDefinitionStays) {
  EXPECT_EQ(IdsOf("Russian troops entered Georgia in 2008. Tbilisi accused Moscow of aggression.",
                  "Georgia"),
            std::vector<std::string>{"iso3166:GE"});
  EXPECT_EQ(IdsOf("Voters in Georgia went to the polls on Sunday.", "Georgia"),
            std::vector<std::string>{"iso3166:GE"});
  // One far mention of the country is not enough for the alternate.
  EXPECT_EQ(IdsOf("Georgia held talks on trade. Many months later, after a long winter of "
                  "disputes and several meetings elsewhere, officials from the United States "
                  "were invited.",
                  "Georgia"),
            std::vector<std::string>{"iso3166:GE"});
}

TEST_F(LinkerTest, CountryAndCapitalChooseTheCityOfTheirCountry) {
  const auto lebanon = IdsOf("Clashes broke out in Tripoli, in northern Lebanon, as Beirut struggled "
                             "to contain the violence.",
                             "Tripoli");
  const auto libya = IdsOf("Fighting in Tripoli, the Libyan capital, killed dozens, officials in "
                           "Benghazi said.",
                           "Tripoli");
  ASSERT_EQ(lebanon.size(), 1u);
  ASSERT_EQ(libya.size(), 1u);
  EXPECT_NE(lebanon[0], libya[0]);
  auto kb = KnowledgeBase::Create("");
  ASSERT_TRUE(kb.ok());
  for (const KbEntity& e : (*kb)->entities()) {
    if (e.id == lebanon[0]) {
      EXPECT_NE(std::find(e.context.begin(), e.context.end(), "iso3166:LB"), e.context.end());
    }
    if (e.id == libya[0]) {
      EXPECT_NE(std::find(e.context.begin(), e.context.end(), "iso3166:LY"), e.context.end());
    }
  }
}

}  // namespace
}  // namespace tidings::enrich
