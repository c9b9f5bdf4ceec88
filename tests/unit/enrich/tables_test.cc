// The name tagger's rules for sports tables (enrich/names/tables.h),
// through the whole engine.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "enrich/engine.h"
#include "tests/unit/enrich/default_engine.h"

namespace tidings::enrich {
namespace {

namespace v1 = ::tidings::v1;
using Named = std::vector<std::pair<std::string, v1::EntityType>>;

Named NamesIn(const std::string& text) {
  v1::Document d;
  d.set_id("t");
  d.set_kind("article");
  d.set_published_at("1996-08-30T00:00:00Z");
  d.set_text(text);
  auto r = testing::DefaultEngine().Enrich(d);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  Named got;
  if (r.ok())
    for (const auto& e : r->entities()) got.emplace_back(e.text(), e.type());
  return got;
}

::testing::AssertionResult HasAll(const Named& got, const Named& want) {
  for (const auto& w : want) {
    bool found = false;
    for (const auto& g : got) found |= g == w;
    if (!found) return ::testing::AssertionFailure() << "no " << w.first << " of type " << w.second;
  }
  return ::testing::AssertionSuccess();
}

TEST(Tables, AStandingsRowNamesATeamAndKeepsACountry) {
  const Named got = NamesIn(
      "Standings in the Dutch first division :\nAjax 5 4 1 0 12 3 13\nRoda JC 5 2 0 3 5 8 6\n"
      "Willem II 5 0 2 3 2 8 2\nVitesse Arnhem 5 3 1 1 8 6 10\nNetherlands 5 3 1 1 9 4 10\n"
      "Leading scores after the second round :\nGreg Norman 68 70 69 72 209\n");
  EXPECT_TRUE(HasAll(got, {{"Roda JC", v1::ORG},
                           {"Willem II", v1::ORG},
                           {"Vitesse Arnhem", v1::ORG},
                           {"Netherlands", v1::LOC},
                           {"Greg Norman", v1::PERSON}}));
}

TEST(Tables, ATeamAfterTheCountryInARankedRowIsAnOrganisation) {
  const Named got = NamesIn(
      "Leading times in practice :\n1. Michael Schumacher ( Germany ) Ferrari 1:52.445\n"
      "2. Jacques Villeneuve ( Canada ) Williams 1:52.612\n3. Mika Hakkinen ( Finland ) McLaren 1:52.700\n"
      "4. Jean Alesi ( France ) Benetton 1:53.010\n");
  EXPECT_TRUE(HasAll(got, {{"Jacques Villeneuve", v1::PERSON},
                           {"Canada", v1::LOC},
                           {"Williams", v1::ORG},
                           {"McLaren", v1::ORG},
                           {"Benetton", v1::ORG}}));
}

TEST(Tables, EveryNameOfACricketScorecardIsAPerson) {
  const Named got = NamesIn(
      "England first innings :\nM. Atherton c Inzamam-ul-Haq b Wasim Akram 31\nA. Stewart b Waqar Younis 44\n"
      "N. Hussain c Moin Khan b Mushtaq Ahmed 12\nG. Thorpe lbw b Mushtaq Ahmed 54\nA. Hollioake run out 9\n"
      "I. Salisbury not out 9\n");
  EXPECT_TRUE(HasAll(got, {{"Inzamam-ul-Haq", v1::PERSON},
                           {"A. Stewart", v1::PERSON},
                           {"Waqar Younis", v1::PERSON},
                           {"N. Hussain", v1::PERSON},
                           {"A. Hollioake", v1::PERSON},
                           {"I. Salisbury", v1::PERSON}}));
}

}  // namespace
}  // namespace tidings::enrich
