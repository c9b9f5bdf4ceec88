#include "enrich/dates.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "enrich/kb.h"

namespace tidings::enrich {
namespace {

struct D {
  std::string text, type, value;
};

std::vector<D> TagText(const std::string& text, const char* anchor) {
  auto toks = Tokenize(text);
  CodePointIndex cps(text);
  ::google::protobuf::RepeatedPtrField<::tidings::v1::DateMention> out;
  std::optional<CivilDate> a;
  if (anchor) a = ParseIsoDate(anchor);
  TagDates(text, toks, TokenKeys(text, toks), cps, a ? &*a : nullptr, false, &out);
  std::vector<D> r;
  for (auto& m : out) r.push_back({m.text(), ::tidings::v1::TimexType_Name(m.type()), m.value()});
  return r;
}

::testing::AssertionResult Has(const std::vector<D>& got, const D& want) {
  for (auto& g : got) {
    if (g.text == want.text && g.type == want.type && g.value == want.value) {
      return ::testing::AssertionSuccess();
    }
  }
  std::string all;
  for (auto& g : got) all += "[" + g.text + " " + g.type + " " + g.value + "] ";
  return ::testing::AssertionFailure() << "missing " << want.text << " " << want.type << " "
                                       << want.value << "; got " << all;
}

// Has() for each of `want`.
::testing::AssertionResult HasAll(const std::vector<D>& got, const std::vector<D>& want) {
  for (const D& w : want) {
    auto r = Has(got, w);
    if (!r) return r;
  }
  return ::testing::AssertionSuccess();
}

TEST(Dates, AbsoluteDatesInAllOrders) {
  auto r = TagText("It began on 20 December 2016, or December 13, 2016, or 3rd of May 2015 and 2016-10-20.",
               "2018-09-10");
  EXPECT_TRUE(Has(r, {"20 December 2016", "DATE", "2016-12-20"}));
  EXPECT_TRUE(Has(r, {"December 13, 2016", "DATE", "2016-12-13"}));
  EXPECT_TRUE(Has(r, {"3rd of May 2015", "DATE", "2015-05-03"}));
  EXPECT_TRUE(Has(r, {"2016-10-20", "DATE", "2016-10-20"}));
  // A day of two digits with its ordinal after the month ("15th" has four
  // characters, as a year has).
  // "the following Friday" counts from the day last named; a weekday in
  // apposition to a day is that day.
  EXPECT_TRUE(HasAll(TagText("He arrived on 3 March 2024, a Sunday, and left the following Friday. She had "
                             "come the previous Friday.",
                             "2025-09-15"),
                     {{"Sunday", "DATE", "2024-03-03"},
                      {"the following Friday", "DATE", "2024-03-08"},
                      {"the previous Friday", "DATE", "2024-03-01"}}));
  // A weekday says the year: the nearest to the anchor where the day falls
  // on it; a range's second day with its weekday gives its year.
  EXPECT_TRUE(Has(TagText("Work began in autumn 2022, and the opening night is Saturday 14 February.", "2026-01-09"),
                  {"Saturday 14 February", "DATE", "2026-02-14"}));
  EXPECT_TRUE(Has(TagText("Held every June since 1989, it runs from Wednesday 24 June to Sunday 28 June 2026.",
                          "2025-06-27"),
                  {"Wednesday 24 June", "DATE", "2026-06-24"}));
  EXPECT_TRUE(HasAll(TagText("They met on March 15th and April 21st 2016, not in May 2012.", "2016-09-10"),
                     {{"March 15th", "DATE", "2016-03-15"},
                      {"April 21st 2016", "DATE", "2016-04-21"},
                      {"May 2012", "DATE", "2012-05"}}));
}

TEST(Dates, RelativeToAnchor) {
  auto r = TagText("On Saturday they met; last Friday too. Last month and this year, seven weeks ago, "
               "4 months ago, last May, next week.",
               "2018-09-10");
  EXPECT_TRUE(Has(r, {"Saturday", "DATE", "2018-09-08"}));
  EXPECT_TRUE(Has(r, {"last Friday", "DATE", "2018-09-07"}));
  EXPECT_TRUE(Has(r, {"Last month", "DATE", "2018-08"}));
  EXPECT_TRUE(Has(r, {"this year", "DATE", "2018"}));
  EXPECT_TRUE(Has(r, {"seven weeks ago", "DATE", "2018-W30"}));
  EXPECT_TRUE(Has(r, {"4 months ago", "DATE", "2018-05"}));
  EXPECT_TRUE(Has(r, {"last May", "DATE", "2018-05"}));
  // Decades back are a decade; a week's part is the week, the part in the span.
  auto d = TagText("The plant opened four decades ago. Earlier this week officials met; late next week they vote.",
                   "2018-09-10");
  EXPECT_TRUE(Has(d, {"four decades ago", "DATE", "197X"}));
  EXPECT_TRUE(Has(d, {"Earlier this week", "DATE", "2018-W37"}));
  EXPECT_TRUE(Has(d, {"late next week", "DATE", "2018-W38"}));
}

// A range's first day takes the year its second day has.
TEST(Dates, ARangesFirstDayTakesTheSecondsYear) {
  auto r = TagText("The show runs from June 12 to July 13, 2014. It was shown between 2 May and 1 June 2011. "
                   "The break lasts Dec. 20 to Jan. 5, 2014.",
                   "2013-03-14");
  EXPECT_TRUE(Has(r, {"June 12", "DATE", "2014-06-12"}));
  EXPECT_TRUE(Has(r, {"2 May", "DATE", "2011-05-02"}));
  EXPECT_TRUE(Has(r, {"Dec. 20", "DATE", "2013-12-20"}));
  EXPECT_TRUE(Has(r, {"Jan. 5, 2014", "DATE", "2014-01-05"}));
}

// The first or last three (six) months of a year are its quarter (half).
TEST(Dates, MonthsOfAYearAreItsQuarterOrHalf) {
  auto r = TagText("Profit rose in the first three months of 2012 and fell in the final three months of 2011. "
                   "Sales in the first six months of last year rose.",
                   "2013-03-14");
  EXPECT_TRUE(Has(r, {"the first three months of 2012", "DATE", "2012-Q1"}));
  EXPECT_TRUE(Has(r, {"the final three months of 2011", "DATE", "2011-Q4"}));
  EXPECT_TRUE(Has(r, {"the first six months of last year", "DATE", "2012-H1"}));
  EXPECT_EQ(r.size(), 3u);
}

// Posts write weekdays in lower case; the short forms are other words then.
TEST(Dates, AWeekdaysWholeNameInLowerCase) {
  auto r = TagText("landed in NYC, off to LA on thursday. we sat in the sun and wed on friday night", "2018-09-10");
  EXPECT_TRUE(Has(r, {"thursday", "DATE", "2018-09-06"}));
  EXPECT_TRUE(Has(r, {"friday night", "TIME", "2018-09-07TNI"}));
  EXPECT_EQ(r.size(), 2u);
}

// Expressions resolved whole: a distance from now (the forward twin of
// "seven weeks ago"), a month of a relative year, a holiday of a given year.
TEST(Dates, WholeExpressions) {
  struct Case {
    const char* text;
    const char* anchor;
    std::vector<D> want;
  };
  const Case cases[] = {
      {"Ten years from now the city may double; two weeks from today the vote, a month from now the budget, "
       "and years from now nobody will care.",
       "2024-03-06",
       {{"Ten years from now", "DATE", "2034"},
        {"two weeks from today", "DATE", "2024-W12"},
        {"a month from now", "DATE", "2024-04"},
        {"years from now", "DATE", "FUTURE_REF"}}},
      {"Shares rose through June of last year. Sales fell in March of this year, July last year and in May of "
       "next year.",
       "2018-09-10",
       {{"June of last year", "DATE", "2017-06"},
        {"March of this year", "DATE", "2018-03"},
        {"July last year", "DATE", "2017-07"},
        {"May of next year", "DATE", "2019-05"}}},
      {"It launched on Christmas Day 2021, came back by Thanksgiving, 2020 and left on New Year's Day 2019.",
       "2022-07-12",
       {{"Christmas Day 2021", "DATE", "2021-12-25"},
        {"Thanksgiving, 2020", "DATE", "2020-11-26"},
        {"New Year's Day 2019", "DATE", "2019-01-01"}}},
  };
  for (const Case& c : cases) EXPECT_TRUE(HasAll(TagText(c.text, c.anchor), c.want)) << c.text;
}

TEST(Dates, DecadesSeasonsParts) {
  auto r = TagText("In the 1970s and 1980s, in early 2011, in the 19th century, by the end of July, "
               "and in the early 1990s.",
               "2016-10-20");
  EXPECT_TRUE(Has(r, {"the 1970s", "DATE", "197X"}));
  EXPECT_TRUE(Has(r, {"1980s", "DATE", "198X"}));
  EXPECT_TRUE(Has(r, {"early 2011", "DATE", "2011"}));
  EXPECT_TRUE(Has(r, {"the 19th century", "DATE", "18XX"}));
  EXPECT_TRUE(Has(r, {"the end of July", "DATE", "2016-07"}));
  EXPECT_TRUE(Has(r, {"the early 1990s", "DATE", "199X"}));
}

TEST(Dates, DurationsAndSets) {
  auto r = TagText("For four years, in under 48 hours, for the last 3 and a half years, a few days later, "
               "every 17 hours, every week, for years, for a week. A five-year-old girl.",
               "2016-10-20");
  EXPECT_TRUE(Has(r, {"four years", "DURATION", "P4Y"}));
  EXPECT_TRUE(Has(r, {"48 hours", "DURATION", "PT48H"}));
  EXPECT_TRUE(Has(r, {"the last 3 and a half years", "DURATION", "P3Y6M"}));
  EXPECT_TRUE(Has(r, {"a few days", "DURATION", "PXD"}));
  EXPECT_TRUE(Has(r, {"every 17 hours", "SET", "PT17H"}));
  EXPECT_TRUE(Has(r, {"every week", "SET", "P1W"}));
  EXPECT_TRUE(Has(r, {"years", "DURATION", "PXY"}));
  EXPECT_TRUE(Has(r, {"a week", "DURATION", "P1W"}));
  for (auto& d : r) EXPECT_NE(d.text, "five-year") << "ages are not dates";
}

TEST(Dates, DeicticWords) {
  auto r = TagText("Now it is over; today, recently, soon.", "2016-10-20");
  EXPECT_TRUE(Has(r, {"Now", "DATE", "PRESENT_REF"}));
  EXPECT_TRUE(Has(r, {"today", "DATE", "PRESENT_REF"}));
  EXPECT_TRUE(Has(r, {"recently", "DATE", "PAST_REF"}));
  EXPECT_TRUE(Has(r, {"soon", "DATE", "FUTURE_REF"}));
}

// "today" is the document's day when its clause tells an event (past or
// future), and "nowadays" (PRESENT_REF) in a present-tense clause or as a
// possessive; "the left" is not the verb "left".
TEST(Dates, TodayIsTheDayOfAnEventElseThePresent) {
  auto r = TagText(
      "The ministry said today that it would act. President Bush today denounced the plan. "
      "He will travel alone today to Miami. Thousands have been demonstrating today in Berlin. "
      "Putin told reporters today he is willing to talk. He is going to announce it today. "
      "The father has offered to travel alone today. Finally today, we learned the truth. "
      "Also today, King Hussein of Jordan arrived in Washington.",
      "2016-10-20");
  EXPECT_EQ(std::count_if(r.begin(), r.end(), [](const D& d) { return d.value == "2016-10-20"; }), 9);
  auto n = TagText(
      "Jihad today is bigger than us. Today's democracies are collapsing. In Aleppo today, armed groups "
      "have free rein. Today, in Syria most of the Western left deny it. It should mean today. "
      "Armed groups today have free rein. \"Europe today is weaker,\" she said. The United States today is "
      "the largest producer. The Saudi-led coalition today faces a stalemate. Aleppo today lies in ruins due "
      "to the bombing. In Syria today, Russian armed forces control the skies.",
      "2016-10-20");
  EXPECT_EQ(std::count_if(n.begin(), n.end(), [](const D& d) { return d.value == "PRESENT_REF"; }), 11);
  EXPECT_EQ(n.size(), 11u);
}

TEST(Dates, TimesOfDay) {
  auto r = TagText("On the morning of 3 October she wrote.", "2016-10-20");
  EXPECT_TRUE(Has(r, {"the morning of 3 October", "TIME", "2016-10-03TMO"}));
  // The time of yesterday or tomorrow is one expression.
  EXPECT_TRUE(HasAll(TagText("Scans are due tomorrow morning; he called yesterday evening.", "2016-10-20"),
                     {{"tomorrow morning", "TIME", "2016-10-21TMO"}, {"yesterday evening", "TIME", "2016-10-19TEV"}}));
}

TEST(Dates, AbbreviationStopAndTimesOfDayBelongToTheSpan) {
  // 2013-03-02 is a Saturday.
  auto r = TagText("It closed on Feb. 28 after talks on Friday afternoon; 28 Feb. 2012; Sept. 11, 2001.",
                   "2013-03-02");
  EXPECT_TRUE(Has(r, {"Feb. 28", "DATE", "2013-02-28"}));
  EXPECT_TRUE(Has(r, {"Friday afternoon", "TIME", "2013-03-01TAF"}));
  EXPECT_TRUE(Has(r, {"28 Feb. 2012", "DATE", "2012-02-28"}));
  EXPECT_TRUE(Has(r, {"Sept. 11, 2001", "DATE", "2001-09-11"}));
  r = TagText("They met on Saturday morning, and on Tuesday night. We meet this evening.", "2013-03-02");
  EXPECT_TRUE(Has(r, {"Saturday morning", "TIME", "2013-03-02TMO"}));
  EXPECT_TRUE(Has(r, {"Tuesday night", "TIME", "2013-02-26TNI"}));
  EXPECT_TRUE(Has(r, {"this evening", "TIME", "2013-03-02TEV"}));
  r = TagText("The polls closed at 15:00 GMT Saturday. Last Friday morning it rained.", "2013-03-02");
  EXPECT_TRUE(Has(r, {"15:00 GMT Saturday", "TIME", "2013-03-02T15:00"}));
  // Wire copy's four digits with a zone are a time, never a year; a time
  // given again in brackets takes the day after them.
  auto w = TagText("The launch was at 2000 GMT Wednesday. It hit at 10:35 a.m. (0735 GMT) Friday.", "2013-03-02");
  EXPECT_TRUE(Has(w, {"2000 GMT Wednesday", "TIME", "2013-02-27T20:00"}));
  EXPECT_TRUE(Has(w, {"0735 GMT", "TIME", "2013-03-01T07:35"}));
  for (const auto& d : w) EXPECT_NE(d.value, "2000") << d.text;
  EXPECT_TRUE(Has(r, {"Last Friday morning", "TIME", "2013-03-01TMO"}));
  r = TagText("It started at 9pm on Friday and ended at 3 p.m. on 4 March 2013.", "2013-03-02");
  EXPECT_TRUE(Has(r, {"9pm on Friday", "TIME", "2013-03-01T21:00"}));
  EXPECT_TRUE(Has(r, {"3 p.m. on 4 March 2013", "TIME", "2013-03-04T15:00"}));
  // A holiday after "on" is the time's day; American zones are in the span.
  r = TagText("Fares will be free until 4.30am on New Year's Day. Markets will close at 4 p.m. ET on Friday.",
              "2025-12-31");
  EXPECT_TRUE(Has(r, {"4.30am on New Year's Day", "TIME", "2026-01-01T04:30"}));
  EXPECT_TRUE(Has(r, {"4 p.m. ET on Friday", "TIME", "2026-01-02T16:00"}));
  // A time takes the last day named unless its clause's tense puts it on
  // the other side of the anchor; a capitalised "On" after it begins the
  // next sentence.
  r = TagText("The city will mark July 4, 2026 with fireworks. The parade began at 11:45 a.m. On Monday the "
              "mayor spoke at 3 p.m. He will speak again at 9 a.m.",
              "2025-07-04");
  EXPECT_TRUE(HasAll(r, {{"11:45 a.m.", "TIME", "2025-07-04T11:45"},
                         {"Monday", "DATE", "2025-06-30"},
                         {"3 p.m.", "TIME", "2025-06-30T15:00"},
                         {"9 a.m.", "TIME", "2025-07-04T09:00"}}));
  // A match minute is not a clock time; a 24-hour time is.
  EXPECT_TRUE(TagText("He scored at 3:45 in the second half.", "2013-03-02").empty());
  EXPECT_TRUE(Has(TagText("The polls open at 07:30.", "2013-03-02"), {"07:30", "TIME", "2013-03-02T07:30"}));
}

// A live page's entries: a time that begins its line takes the day of the
// heading above it, else the document's, not the last date of the entry
// before; a time in prose takes the day just named.
TEST(Dates, TimesThatBeginALineStampEntries) {
  auto r = TagText("14:02 - A warning was issued until 18:00 on Thursday.\n13:40 - Trains stopped.", "2025-03-05");
  EXPECT_TRUE(Has(r, {"14:02", "TIME", "2025-03-05T14:02"}));
  EXPECT_TRUE(Has(r, {"13:40", "TIME", "2025-03-05T13:40"}));
  r = TagText("Storm live\nTuesday 4 March\n22:10 - The first gusts hit Cornwall.\n21:30 - Winds rose.", "2025-03-05");
  EXPECT_TRUE(Has(r, {"22:10", "TIME", "2025-03-04T22:10"}));
  EXPECT_TRUE(Has(r, {"21:30", "TIME", "2025-03-04T21:30"}));
  r = TagText("The attack began on Thursday. At 10:30 police arrived.", "2025-03-05");
  EXPECT_TRUE(Has(r, {"10:30", "TIME", "2025-02-27T10:30"}));
}

TEST(Dates, DecadeAndCenturyForms) {
  // X-padded values as in the gold ("the 1970s" -> 197X); see docs/enrich.md.
  auto r = TagText("In the '80s and the nineties, late '90s, the 20th century, the twenty-first century "
                   "and nineteenth-century art.",
                   "2013-03-02");
  EXPECT_TRUE(Has(r, {"the '80s", "DATE", "198X"}));
  EXPECT_TRUE(Has(r, {"the nineties", "DATE", "199X"}));
  EXPECT_TRUE(Has(r, {"late '90s", "DATE", "199X"}));
  EXPECT_TRUE(Has(r, {"the 20th century", "DATE", "19XX"}));
  EXPECT_TRUE(Has(r, {"the twenty-first century", "DATE", "20XX"}));
  EXPECT_TRUE(Has(r, {"nineteenth-century", "DATE", "18XX"}));
  for (auto& d : TagText("A man in his forties, in their early twenties.", "2013-03-02")) {
    ADD_FAILURE() << "an age is not a decade: " << d.text;
  }
}

TEST(Dates, TenseOfTheClauseChoosesNextOrPrevious) {
  // 2013-06-10 is a Monday.
  const char* a = "2013-06-10";
  EXPECT_TRUE(Has(TagText("Gay will race in Eugene on May 25.", a), {"May 25", "DATE", "2014-05-25"}));
  EXPECT_TRUE(Has(TagText("Gay raced in Eugene on May 25.", a), {"May 25", "DATE", "2013-05-25"}));
  EXPECT_TRUE(Has(TagText("He will stay until Saturday.", a), {"Saturday", "DATE", "2013-06-15"}));
  EXPECT_TRUE(Has(TagText("The talks lasted until Saturday.", a), {"Saturday", "DATE", "2013-06-08"}));
  EXPECT_TRUE(Has(TagText("The committee is meeting on Thursday.", a), {"Thursday", "DATE", "2013-06-13"}));
  EXPECT_TRUE(Has(TagText("He is going to announce it on Friday.", a), {"Friday", "DATE", "2013-06-14"}));
  EXPECT_TRUE(Has(TagText("The strike ran through June.", a), {"June", "DATE", "2013-06"}));
  EXPECT_TRUE(Has(TagText("The exhibition runs through January.", a), {"January", "DATE", "2014-01"}));
  EXPECT_TRUE(Has(TagText("The upcoming summit in April.", a), {"April", "DATE", "2014-04"}));
  EXPECT_TRUE(Has(TagText("He said on Friday that he would leave.", a), {"Friday", "DATE", "2013-06-07"}));
  // Due then is past now; "likely to"; "set ... for" a date; a present copula
  // right before the date; the present of a schedule.
  EXPECT_TRUE(Has(TagText("Fundraising reports were due on Saturday.", a), {"Saturday", "DATE", "2013-06-08"}));
  EXPECT_TRUE(Has(TagText("The bank is likely to hold rates at its September meeting.", a),
                  {"September", "DATE", "2013-09"}));
  EXPECT_TRUE(Has(TagText("The judge set a pre-trial review for April 30.", a), {"April 30", "DATE", "2014-04-30"}));
  EXPECT_TRUE(Has(TagText("He set Friday as the deadline for his return.", a), {"Friday", "DATE", "2013-06-07"}));
  EXPECT_TRUE(Has(TagText("Results day is 13 May.", a), {"13 May", "DATE", "2014-05-13"}));
  EXPECT_TRUE(Has(TagText("The summer break lasts four weeks in May.", a), {"May", "DATE", "2014-05"}));
  EXPECT_TRUE(Has(TagText("Root scored 120 runs on Saturday.", a), {"Saturday", "DATE", "2013-06-08"}));
  // "ahead of" looks forward, past verbs before it or not.
  EXPECT_TRUE(Has(TagText("Traders sold ahead of the weekend.", a), {"the weekend", "DATE", "2013-W24-WE"}));
  EXPECT_TRUE(Has(TagText("Stocks fell ahead of Sunday's vote.", a), {"Sunday", "DATE", "2013-06-16"}));
  // The cue must be in the same sentence.
  EXPECT_TRUE(Has(TagText("It will rain. On Friday it was dry.", a), {"Friday", "DATE", "2013-06-07"}));
  // No cue before: the first one after, in the same sentence.
  EXPECT_TRUE(Has(TagText("On Friday, the committee will meet.", a), {"Friday", "DATE", "2013-06-14"}));
  EXPECT_TRUE(Has(TagText("Through May 25, the funds had lost money.", a), {"May 25", "DATE", "2013-05-25"}));
  // A time and a weekday take the tense of the words before the whole
  // expression, not of the few tokens before the weekday.
  EXPECT_TRUE(Has(TagText("The father will leave at 4 in the morning (4 a.m. EDT Thursday).", a),
                  {"4 a.m. EDT Thursday", "TIME", "2013-06-13T04:00"}));
  // A passive participle takes its tense from before "be".
  EXPECT_TRUE(Has(TagText("They expect the sale to be completed by July 15.", a), {"July 15", "DATE", "2013-07-15"}));
  EXPECT_TRUE(Has(TagText("It declared a dividend payable Aug. 15.", a), {"Aug. 15", "DATE", "2013-08-15"}));
  // ... and an irregular one too, or one after "is" (the present passive).
  EXPECT_TRUE(Has(TagText("The dividend will be paid Feb. 14.", a), {"Feb. 14", "DATE", "2014-02-14"}));
  EXPECT_TRUE(Has(TagText("The appeal is heard in September.", a), {"September", "DATE", "2013-09"}));
  // ... or after "stay" or "remain" ("will stay closed"), and past after "stayed".
  EXPECT_TRUE(Has(TagText("Schools will stay closed on Thursday.", a), {"Thursday", "DATE", "2013-06-13"}));
  EXPECT_TRUE(Has(TagText("Schools stayed closed on Thursday.", a), {"Thursday", "DATE", "2013-06-06"}));
  // The present of a scheduled event is future.
  EXPECT_TRUE(Has(TagText("Germany votes on Sunday.", a), {"Sunday", "DATE", "2013-06-16"}));
  EXPECT_TRUE(Has(TagText("The summit opens on Friday.", a), {"Friday", "DATE", "2013-06-14"}));
  EXPECT_TRUE(Has(TagText("Elections are on Thursday.", a), {"Thursday", "DATE", "2013-06-13"}));
  EXPECT_TRUE(Has(TagText("He was on Monday in Paris.", a), {"Monday", "DATE", "2013-06-10"}));
  EXPECT_TRUE(Has(TagText("The team hosts Chicago on Friday and travels to Boston Sunday.", a),
                  {"Sunday", "DATE", "2013-06-16"}));
  EXPECT_TRUE(Has(TagText("The quarter, which ends on Saturday, was weak.", a), {"Saturday", "DATE", "2013-06-15"}));
  // "would" and "could" in reported speech are the report's future; not
  // for a date before them, nor for a weekday's possessive.
  EXPECT_TRUE(Has(TagText("Officials said schools would remain closed through Friday.", a),
                  {"Friday", "DATE", "2013-06-14"}));
  EXPECT_TRUE(Has(TagText("He would often visit on Friday.", a), {"Friday", "DATE", "2013-06-07"}));
  // "set X for" and "slated for" plan ahead.
  EXPECT_TRUE(Has(TagText("The judge set sentencing for June 3.", a), {"June 3", "DATE", "2014-06-03"}));
  EXPECT_TRUE(Has(TagText("The vote is slated for May 2.", a), {"May 2", "DATE", "2014-05-02"}));
  EXPECT_TRUE(Has(TagText("In an interview on Sunday, she said a deal would follow.", a),
                  {"Sunday", "DATE", "2013-06-09"}));
  EXPECT_TRUE(Has(TagText("They said they would get around Monday's ruling.", a), {"Monday", "DATE", "2013-06-10"}));
  // "has" and "have" are past only before a participle.
  EXPECT_TRUE(Has(TagText("The company has until Friday to respond.", a), {"Friday", "DATE", "2013-06-14"}));
  EXPECT_TRUE(Has(TagText("We have until the autumn.", a), {"the autumn", "DATE", "2013-FA"}));
  EXPECT_TRUE(Has(TagText("He has already said on Friday that it was over.", a), {"Friday", "DATE", "2013-06-07"}));
  // Irregular past forms are past; "the left" is not one.
  EXPECT_TRUE(Has(TagText("He sought a deal in September.", a), {"September", "DATE", "2012-09"}));
  EXPECT_TRUE(Has(TagText("In September the Western left will march.", a), {"September", "DATE", "2013-09"}));
  EXPECT_TRUE(Has(TagText("The Americans left in September.", a), {"September", "DATE", "2012-09"}));
  EXPECT_TRUE(Has(TagText("The Saudi-led offensive in September.", a), {"September", "DATE", "2013-09"}));
  // No cue at all: the nearer of the two readings.
  EXPECT_TRUE(Has(TagText("The dividend of record Aug. 15.", a), {"Aug. 15", "DATE", "2013-08-15"}));
  EXPECT_TRUE(Has(TagText("The dividend of record Feb. 15.", a), {"Feb. 15", "DATE", "2013-02-15"}));
  EXPECT_TRUE(Has(TagText("A trip in September; a trip in January.", a), {"September", "DATE", "2013-09"}));
  EXPECT_TRUE(Has(TagText("A trip in September; a trip in January.", a), {"January", "DATE", "2013-01"}));
  auto r = TagText("They met in May and will meet again in May.", a);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].value, "2013-05");
  EXPECT_EQ(r[1].value, "2014-05");
}

TEST(Dates, YearRangesAndFiscalYears) {
  auto r = TagText("Revenue rose in 2009-2010 and 1957-58, in the 2009-10 season, from 2001 to 2005, "
                   "in fiscal 2012, fiscal year 2013, FY2014 and FY 2015. On 2016-10-20 and in 2016-10.",
                   "2016-10-20");
  EXPECT_TRUE(Has(r, {"2009", "DATE", "2009"}));
  EXPECT_TRUE(Has(r, {"2010", "DATE", "2010"}));
  EXPECT_TRUE(Has(r, {"1957", "DATE", "1957"}));
  EXPECT_TRUE(Has(r, {"58", "DATE", "1958"}));
  EXPECT_TRUE(Has(r, {"10", "DATE", "2010"}));
  EXPECT_TRUE(Has(r, {"2001", "DATE", "2001"}));
  EXPECT_TRUE(Has(r, {"2005", "DATE", "2005"}));
  EXPECT_TRUE(Has(r, {"fiscal 2012", "DATE", "2012"}));
  EXPECT_TRUE(Has(r, {"fiscal year 2013", "DATE", "2013"}));
  EXPECT_TRUE(Has(r, {"FY2014", "DATE", "2014"}));
  EXPECT_TRUE(Has(r, {"FY 2015", "DATE", "2015"}));
  EXPECT_TRUE(Has(r, {"2016-10-20", "DATE", "2016-10-20"}));
  for (auto& d : r) EXPECT_NE(d.value, "2110") << "2016-10 is not a range";
}

TEST(Dates, SetsOfEveryKind) {
  auto r = TagText("Each season, every morning, every spring and every weekend. It is published weekly, "
                   "rents rise annually and daily protests go on. The daily Al-Hayat and a weekly said so.",
                   "2016-10-20");
  EXPECT_TRUE(Has(r, {"Each season", "SET", "P1Y"}));
  EXPECT_TRUE(Has(r, {"every morning", "SET", "XXXX-XX-XXTMO"}));
  EXPECT_TRUE(Has(r, {"every spring", "SET", "XXXX-SP"}));
  // A count of a unit per a larger one is how often: one SET of the larger.
  EXPECT_TRUE(HasAll(TagText("The shop opens seven days a week; staff work eight hours a day, 40 hours per week.",
                             "2016-10-20"),
                     {{"seven days a week", "SET", "P1W"},
                      {"eight hours a day", "SET", "P1D"},
                      {"40 hours per week", "SET", "P1W"}}));
  // Weekdays in the plural recur; so do "Monday evenings" and "weekends".
  EXPECT_TRUE(HasAll(TagText("It airs on Mondays and Thursday evenings, and the club meets at weekends.", "2016-10-20"),
                     {{"Mondays", "SET", "XXXX-WXX-1"},
                      {"Thursday evenings", "SET", "XXXX-WXX-4TEV"},
                      {"weekends", "SET", "XXXX-WXX-WE"}}));
  EXPECT_TRUE(Has(r, {"every weekend", "SET", "XXXX-WXX-WE"}));
  EXPECT_TRUE(Has(r, {"weekly", "SET", "P1W"}));
  EXPECT_TRUE(Has(r, {"annually", "SET", "P1Y"}));
  EXPECT_TRUE(Has(r, {"daily", "SET", "P1D"}));
  EXPECT_EQ(r.size(), 7u) << "a name or a noun after a determiner is not a SET";
  r = TagText("Every year, each month, every day.", "2016-10-20");
  EXPECT_TRUE(Has(r, {"Every year", "SET", "P1Y"}));
  EXPECT_TRUE(Has(r, {"each month", "SET", "P1M"}));
  EXPECT_TRUE(Has(r, {"every day", "SET", "P1D"}));
}

TEST(Dates, BareDurations) {
  auto r = TagText("The talks took months. Days later, he left. It went on for hours; over decades the town "
                   "grew. Weeks after the vote, after days of fighting, it ended years ago.",
                   "2016-10-20");
  EXPECT_TRUE(Has(r, {"months", "DURATION", "PXM"}));
  EXPECT_TRUE(Has(r, {"Days", "DURATION", "PXD"}));
  EXPECT_TRUE(Has(r, {"hours", "DURATION", "PTXH"}));
  EXPECT_TRUE(Has(r, {"decades", "DURATION", "PXDE"}));
  EXPECT_TRUE(Has(r, {"Weeks", "DURATION", "PXW"}));
  EXPECT_TRUE(Has(r, {"days", "DURATION", "PXD"}));
  EXPECT_TRUE(Has(r, {"years ago", "DATE", "PAST_REF"}));
  EXPECT_TRUE(TagText("In the days of the regime, in days of old.", "2016-10-20").empty());
  EXPECT_TRUE(Has(TagText("Months of talks ended in May.", "2016-10-20"), {"Months", "DURATION", "PXM"}));
}

TEST(Dates, AnaphoraTakeTheLastDateOfTheParagraph) {
  auto r = TagText("On 3 May 2012 the army entered the town. That day, 40 people died, and the same day the "
                   "UN met. That night it rained. Later in the day, they left. At the time, nobody knew. "
                   "In that year, the war began; that week too.\n\nIn March 2010 prices rose; that month and "
                   "at the time.",
                   "2013-06-10");
  EXPECT_TRUE(Has(r, {"That day", "DATE", "2012-05-03"}));
  EXPECT_TRUE(Has(r, {"the same day", "DATE", "2012-05-03"}));
  EXPECT_TRUE(Has(r, {"That night", "TIME", "2012-05-03TNI"}));
  EXPECT_TRUE(Has(r, {"the day", "DATE", "2012-05-03"}));
  EXPECT_TRUE(Has(r, {"the time", "DATE", "2012-05-03"}));
  EXPECT_TRUE(Has(r, {"that year", "DATE", "2012"}));
  EXPECT_TRUE(Has(r, {"that week", "DATE", "2012-W18"}));
  EXPECT_TRUE(Has(r, {"that month", "DATE", "2010-03"}));
  EXPECT_TRUE(Has(r, {"the time", "DATE", "2010-03"}));
  r = TagText("On 3 May 2012 they met. At the time of writing, nobody knew; for the time being.", "2013-06-10");
  EXPECT_EQ(r.size(), 1u) << "\"the time of writing\" is not an anaphor";
  // No antecedent in the paragraph (a blank line ends one), or the wrong
  // granularity: not tagged.
  r = TagText("On 3 May 2012 they met.\n\nThat day nobody came. In March 2010 it rained; that day too. "
              "The day of the vote came; the day he died.",
              "2013-06-10");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].text, "3 May 2012");
  EXPECT_EQ(r[1].text, "March 2010");
}

TEST(Dates, NoAnchorLeavesX) {
  auto r = TagText("On 17 October, last month.", nullptr);
  EXPECT_TRUE(Has(r, {"17 October", "DATE", "XXXX-10-17"}));
  EXPECT_TRUE(Has(r, {"last month", "DATE", "XXXX-XX"}));
}

TEST(Dates, InferAnchorFromText) {
  std::string src;
  auto a = InferAnchor("Body.\n\nThis article first appeared in the 16 July 2014 issue of the New Statesman",
                       &src);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->year, 2014);
  EXPECT_EQ(a->month, 7);
  EXPECT_EQ(a->day, 16);
  EXPECT_EQ(src, "first_appeared");
  EXPECT_FALSE(InferAnchor("No date here at all.", &src).has_value());
}

TEST(Dates, InferAnchorFromADatelineAfterTheHeadline) {
  std::string src;
  auto a = InferAnchor("SOCCER - DUTCH FIRST DIVISION RESULTS.\nAMSTERDAM 1996-08-24\nResults of Saturday:", &src);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->year, 1996);
  EXPECT_EQ(a->month, 8);
  EXPECT_EQ(a->day, 24);
  EXPECT_EQ(src, "dateline");
  // A date in a paragraph of prose below the headline is no dateline.
  EXPECT_FALSE(InferAnchor("Talks resume\nThe talks that broke down in Geneva on 12 March 2019 resume today, the "
                           "envoy said.",
                           &src)
                   .has_value());
  // Nor one below the first three lines.
  EXPECT_FALSE(InferAnchor("A\nB\nC\nAMSTERDAM 1996-08-24\n", &src).has_value());
}

TEST(Dates, CountsAreNotYears) {
  auto r = TagText("About 2000 people died in 2013.", "2016-10-20");
  EXPECT_TRUE(Has(r, {"2013", "DATE", "2013"}));
  for (auto& d : r) EXPECT_NE(d.text, "2000");
}

TEST(Dates, DurationCountsFractionsAndFillers) {
  auto r = TagText("In the nine months, net rose. He stayed 2 1/2 years and 5 1/2 hours, then two more weeks "
                   "and three straight years; over the next couple of years and over the years; in the last "
                   "twenty four hours.",
                   "1989-10-30");
  EXPECT_TRUE(Has(r, {"the nine months", "DURATION", "P9M"}));
  EXPECT_TRUE(Has(r, {"2 1/2 years", "DURATION", "P2Y6M"}));
  EXPECT_TRUE(Has(r, {"5 1/2 hours", "DURATION", "PT5H30M"}));
  EXPECT_TRUE(Has(r, {"two more weeks", "DURATION", "P2W"}));
  EXPECT_TRUE(Has(r, {"three straight years", "DURATION", "P3Y"}));
  EXPECT_TRUE(Has(r, {"the next couple of years", "DURATION", "P2Y"}));
  EXPECT_TRUE(Has(r, {"the years", "DURATION", "PXY"}));
  EXPECT_TRUE(Has(r, {"the last twenty four hours", "DURATION", "PT24H"}));
  EXPECT_TRUE(Has(TagText("It ended the eight-year war.", "1989-10-30"), {"eight-year", "DURATION", "P8Y"}));
  EXPECT_TRUE(TagText("The two sides met; the 2,000 people; the three-year-old.", "1989-10-30").empty());
}

TEST(Dates, PastFutureWeekendsSeasonsAndNoon) {
  // 1989-10-30 is a Monday, in autumn.
  const char* a = "1989-10-30";
  auto r = TagText("In the past, it failed. In the near future it may not. The past few years were hard.", a);
  EXPECT_TRUE(Has(r, {"the past", "DATE", "PAST_REF"}));
  EXPECT_TRUE(Has(r, {"the near future", "DATE", "FUTURE_REF"}));
  EXPECT_TRUE(Has(r, {"The past few years", "DURATION", "PXY"}));
  EXPECT_TRUE(TagText("The past haunts him; the future of Europe; a better future.", a).empty());
  r = TagText("Over the weekend, officials met. They will decide during the weekend.", a);
  EXPECT_TRUE(Has(r, {"the weekend", "DATE", "1989-W43-WE"}));
  EXPECT_TRUE(Has(r, {"the weekend", "DATE", "1989-W44-WE"}));
  r = TagText("Trading began this summer; a strike last fall and last spring; next winter; over the summer.", a);
  EXPECT_TRUE(Has(r, {"this summer", "DATE", "1989-SU"}));
  EXPECT_TRUE(Has(r, {"last fall", "DATE", "1988-FA"}));
  EXPECT_TRUE(Has(r, {"last spring", "DATE", "1989-SP"}));
  EXPECT_TRUE(Has(r, {"next winter", "DATE", "1989-WI"}));
  EXPECT_TRUE(TagText("The Arab Spring began in Tunisia.", a).empty());
  r = TagText("Talks broke off at noon Thursday. He left at midday; the vote is at midnight on 3 November.", a);
  EXPECT_TRUE(Has(r, {"noon Thursday", "TIME", "1989-10-26T12:00"}));
  EXPECT_TRUE(Has(r, {"midday", "TIME", "1989-10-26T12:00"}));
  EXPECT_TRUE(Has(r, {"midnight on 3 November", "TIME", "1989-11-03T24:00"}));
  r = TagText("Talks are planned for early December, not mid-March 2012. He said late yesterday.", a);
  EXPECT_TRUE(Has(r, {"early December", "DATE", "1989-12"}));
  EXPECT_TRUE(Has(r, {"mid-March 2012", "DATE", "2012-03"}));
  EXPECT_TRUE(Has(r, {"late yesterday", "DATE", "1989-10-29"}));
}

TEST(Dates, QuartersHalvesAndTheFiscalYear) {
  // 1989-11-02: the fourth quarter has begun; results stories report the third.
  const char* a = "1989-11-02";
  auto r = TagText("Citadel posted a third-quarter loss. In the third quarter, sales rose. The latest quarter "
                   "was weak and the year-ago quarter strong; year-earlier results were restated.",
                   a);
  EXPECT_TRUE(Has(r, {"third-quarter", "DATE", "1989-Q3"})) << "the adjective's \"a\" or \"the\" stays out";
  EXPECT_TRUE(Has(r, {"the third quarter", "DATE", "1989-Q3"}));
  EXPECT_TRUE(Has(r, {"The latest quarter", "DATE", "1989-Q3"}));
  EXPECT_TRUE(Has(r, {"the year-ago quarter", "DATE", "1988-Q3"}));
  EXPECT_TRUE(Has(r, {"year-earlier", "DATE", "1988-Q3"}));
  r = TagText("Sales for this year's third quarter fell; last year's quarter was better. In the 1988 second "
              "quarter and in the third quarter of 1984. Q3 2012, the current quarter, next year's first quarter.",
              a);
  EXPECT_TRUE(Has(r, {"this year's third quarter", "DATE", "1989-Q3"}));
  EXPECT_TRUE(Has(r, {"last year's quarter", "DATE", "1988-Q3"}));
  EXPECT_TRUE(Has(r, {"the 1988 second quarter", "DATE", "1988-Q2"}));
  EXPECT_TRUE(Has(r, {"the third quarter of 1984", "DATE", "1984-Q3"}));
  EXPECT_TRUE(Has(r, {"Q3 2012", "DATE", "2012-Q3"}));
  EXPECT_TRUE(Has(r, {"the current quarter", "DATE", "1989-Q4"}));
  EXPECT_TRUE(Has(r, {"next year's first quarter", "DATE", "1990-Q1"}));
  // Tense: a future clause names the quarter not yet over (or just ended).
  EXPECT_TRUE(Has(TagText("It expects a third-quarter loss.", a), {"third-quarter", "DATE", "1989-Q3"}));
  EXPECT_TRUE(Has(TagText("The plant will open in the second quarter.", a), {"the second quarter", "DATE", "1990-Q2"}));
  EXPECT_TRUE(Has(TagText("It opened in the second quarter.", a), {"the second quarter", "DATE", "1989-Q2"}));
  // A historical quarter does not become the focus of "the fiscal year".
  r = TagText("It stopped paying in the third quarter of 1984. For the fiscal year, net rose; the full year "
              "too, and the current year.",
              a);
  EXPECT_TRUE(Has(r, {"the fiscal year", "DATE", "1989"}));
  EXPECT_TRUE(Has(r, {"the full year", "DATE", "1989"}));
  EXPECT_TRUE(Has(r, {"the current year", "DATE", "1989"}));
  r = TagText("The first half of 1989 and the last half of this year; in the first half, he scored twice.", a);
  EXPECT_TRUE(Has(r, {"The first half of 1989", "DATE", "1989-H1"}));
  EXPECT_TRUE(Has(r, {"the last half of this year", "DATE", "1989-H2"}));
  EXPECT_EQ(r.size(), 2u) << "a half without a year is as often a match's";
  // A period of a fiscal year.
  r = TagText("Revenue rose in the fourth quarter of fiscal 2024 and the first half of fiscal 2025.", a);
  EXPECT_TRUE(Has(r, {"the fourth quarter of fiscal 2024", "DATE", "2024-Q4"}));
  EXPECT_TRUE(Has(r, {"the first half of fiscal 2025", "DATE", "2025-H1"}));
  EXPECT_EQ(r.size(), 2u);
  EXPECT_TRUE(TagText("A quarter of the votes; three quarters; the quarter-final; the French Quarter.", a).empty());
  // Without an anchor: what the text says, X for the rest.
  r = TagText("In the third quarter, the 1988 quarter and the year-ago quarter; year-earlier results.", nullptr);
  EXPECT_TRUE(Has(r, {"the third quarter", "DATE", "XXXX-QX"}));
  EXPECT_TRUE(Has(r, {"the 1988 quarter", "DATE", "1988-QX"}));
  EXPECT_TRUE(Has(r, {"the year-ago quarter", "DATE", "XXXX-QX"}));
  EXPECT_TRUE(Has(r, {"year-earlier", "DATE", "XXXX"}));
}

TEST(Dates, SpelledYearsYearEndAndSoon) {
  const char* a = "1998-02-27";
  auto r = TagText("Atlanta, nineteen ninety-six. January nineteen ninety-seven. By the year two thousand, or "
                   "the year two thousand and one. Nineteen twenty people came.",
                   a);
  EXPECT_TRUE(Has(r, {"nineteen ninety-six", "DATE", "1996"}));
  EXPECT_TRUE(Has(r, {"January nineteen ninety-seven", "DATE", "1997-01"}));
  EXPECT_TRUE(Has(r, {"the year two thousand", "DATE", "2000"}));
  EXPECT_TRUE(Has(r, {"the year two thousand and one", "DATE", "2001"}));
  EXPECT_EQ(r.size(), 4u) << "a count in words is not a year";
  r = TagText("The deal closes by year-end; prices rose 5% since year-end. By the end of the year, it ended.", a);
  EXPECT_TRUE(Has(r, {"year-end", "DATE", "1998-12-31"}));
  EXPECT_TRUE(Has(r, {"year-end", "DATE", "1997-12-31"}));
  EXPECT_TRUE(Has(r, {"the end of the year", "DATE", "1998"}));
  EXPECT_TRUE(TagText("He left as soon as he could, soon after the vote.", a).empty());
  EXPECT_TRUE(Has(TagText("It will end soon.", a), {"soon", "DATE", "FUTURE_REF"}));
}

TEST(Dates, HolidaysPointsFrequenciesAndOclock) {
  // 2013-03-21 is a Thursday.
  const char* a = "2013-03-21";
  auto r = TagText("On Christmas Day and last Christmas, on New Year's Eve and New Year's Day, last "
                   "Thanksgiving and Valentine's Day. Next Christmas he will come. Christmas Island.",
                   a);
  EXPECT_TRUE(Has(r, {"Christmas Day", "DATE", "2012-12-25"}));
  EXPECT_TRUE(Has(r, {"last Christmas", "DATE", "2012-12-25"}));
  EXPECT_TRUE(Has(r, {"New Year's Eve", "DATE", "2012-12-31"}));
  EXPECT_TRUE(Has(r, {"New Year's Day", "DATE", "2013-01-01"}));
  EXPECT_TRUE(Has(r, {"last Thanksgiving", "DATE", "2012-11-22"}));
  EXPECT_TRUE(Has(r, {"Valentine's Day", "DATE", "2013-02-14"}));
  EXPECT_TRUE(Has(r, {"Next Christmas", "DATE", "2013-12-25"}));
  EXPECT_EQ(r.size(), 7u) << "Christmas Island is a place";
  r = TagText("On 3 May 2012 they met. The next day they left; the following week they wrote; the previous "
              "year they had met. For the next day, nothing.",
              a);
  EXPECT_TRUE(Has(r, {"The next day", "DATE", "2012-05-04"}));
  EXPECT_TRUE(Has(r, {"the following week", "DATE", "2012-W19"}));
  EXPECT_TRUE(Has(r, {"the previous year", "DATE", "2011"}));
  EXPECT_TRUE(Has(r, {"the next day", "DURATION", "P1D"})) << "after for/over/within it is a span";
  r = TagText("Twice a year, once a week, three times a day. At 9 o'clock. At the end of last month, at the "
              "start of next week.",
              a);
  EXPECT_TRUE(Has(r, {"Twice a year", "SET", "P1Y"}));
  EXPECT_TRUE(Has(r, {"once a week", "SET", "P1W"}));
  EXPECT_TRUE(Has(r, {"three times a day", "SET", "P1D"}));
  EXPECT_TRUE(Has(r, {"9 o'clock", "TIME", "2013-03-21T09:00"}));
  EXPECT_TRUE(Has(r, {"the end of last month", "DATE", "2013-02"}));
  EXPECT_TRUE(Has(r, {"the start of next week", "DATE", "2013-W13"}));
}

TEST(Dates, ASeasonOfAYear) {
  auto r = TagText("It was first held in the summer of 1987; the hall is due in autumn 2026. They fled in the "
                   "winter of 1944-45. The spring 2025 collection sold out. Shares fall 1500 points.",
                   "2025-06-13");
  EXPECT_TRUE(HasAll(r, {{"the summer of 1987", "DATE", "1987-SU"},
                         {"autumn 2026", "DATE", "2026-FA"},
                         {"the winter of 1944-45", "DATE", "1944-WI"},
                         {"spring 2025", "DATE", "2025-SP"}}));
  EXPECT_EQ(r.size(), 4u) << "\"fall 1500\" is a verb and a number";
  // "the spring" in a clause without tense is the nearest one.
  EXPECT_TRUE(Has(TagText("The road stays shut until the works are complete in the spring.", "2024-12-30"),
                  {"the spring", "DATE", "2025-SP"}));
  EXPECT_TRUE(Has(TagText("Prices rose in the spring.", "2024-12-30"), {"the spring", "DATE", "2024-SP"}));
  // Two seasons either way: the coming one.
  EXPECT_TRUE(Has(TagText("The summer break lasts four weeks in August.", "2025-12-10"),
                  {"summer", "DATE", "2026-SU"}));
}

// A season without "the": after a time preposition, with "early" or "late",
// or naming a schedule; not a name, a modifier of other things, nor "a
// summer of".
TEST(Dates, ASeasonWithoutTheArticle) {
  const char* a = "2026-01-29";
  auto r = TagText("Markets expect cuts in the spring and late summer. The autumn term ends on 19 December. "
                   "Ferries switch to summer timetables. The talks collapsed in early spring.",
                   a);
  EXPECT_TRUE(HasAll(r, {{"late summer", "DATE", "2026-SU"},
                         {"autumn", "DATE", "2026-FA"},
                         {"summer", "DATE", "2026-SU"},
                         {"early spring", "DATE", "2025-SP"}}));
  EXPECT_TRUE(TagText("Arab Spring protesters wore summer dresses in a summer of discontent.", a).empty());
  EXPECT_TRUE(TagText("Roads flooded during winter storms; add spring onions from spring onion beds.", a).empty());
  // No habit, no place on the calendar, no fall that is an accident.
  EXPECT_TRUE(TagText("Bears hibernate in winter. Roads usually close in winter. A man died after fall at home.", a)
                  .empty());
  EXPECT_TRUE(Has(TagText("Parliament returns from its summer recess on Monday.", "2025-10-08"),
                  {"summer", "DATE", "2025-SU"}));
}

TEST(Dates, MovableAndNationalHolidays) {
  // 2025-03-31 is a Monday; Easter 2025 is 20 April, 2024's was 31 March.
  auto r = TagText("Banks will be closed on Good Friday and Easter Monday. Last Boxing Day was quiet. "
                   "Parades are planned for Memorial Day and Labor Day. Easter Island is remote; the Easter "
                   "weekend is busy. Good Morning America aired.",
                   "2025-03-31");
  EXPECT_TRUE(HasAll(r, {{"Good Friday", "DATE", "2025-04-18"},
                         {"Easter Monday", "DATE", "2025-04-21"},
                         {"Last Boxing Day", "DATE", "2024-12-26"},
                         {"Memorial Day", "DATE", "2025-05-26"},
                         {"Labor Day", "DATE", "2025-09-01"}}));
  EXPECT_EQ(r.size(), 5u);
  EXPECT_TRUE(Has(TagText("Easter was cold in 2016.", "2016-06-01"), {"Easter", "DATE", "2016-03-27"}));
  EXPECT_TRUE(Has(TagText("Stores will open early on Black Friday.", "2024-11-01"),
                  {"Black Friday", "DATE", "2024-11-29"}));
}

// A plural subject's plain present before a weekday is a schedule: the
// next one. A noun of the same word after a determiner says nothing.
TEST(Dates, APluralSubjectsPlainPresentIsASchedule) {
  const char* a = "2026-02-17";  // a Tuesday
  auto r = TagText("India play Australia in Ahmedabad on Thursday, while Pakistan face England on Wednesday. "
                   "Results come after polls close at 4 p.m. on Sunday. Talks resume on Monday.",
                   a);
  EXPECT_TRUE(HasAll(r, {{"Thursday", "DATE", "2026-02-19"},
                         {"Wednesday", "DATE", "2026-02-18"},
                         {"4 p.m. on Sunday", "TIME", "2026-02-22T16:00"},
                         {"Monday", "DATE", "2026-02-23"}}));
  EXPECT_TRUE(Has(TagText("The vote on Sunday was marred by violence.", a), {"Sunday", "DATE", "2026-02-15"}));
  // The subject may open the sentence.
  EXPECT_TRUE(Has(TagText("Scotland face England at Murrayfield on Saturday.", a), {"Saturday", "DATE", "2026-02-21"}));
}

// "..., followed by X on Wednesday" links a list and has no tense of its
// own: the clause's verb before it decides. Other participles with their
// agent are the past ("passed by parliament on June 12").
TEST(Dates, AListFollowedByTakesTheTenseOfItsClause) {
  const char* a = "2025-09-15";  // a Monday
  auto r = TagText("Northway reports on Tuesday after the market closes, followed by Altum on Wednesday.", a);
  EXPECT_TRUE(HasAll(r, {{"Tuesday", "DATE", "2025-09-16"}, {"Wednesday", "DATE", "2025-09-17"}}));
  EXPECT_TRUE(Has(TagText("Sales fell on Friday, followed by a rally.", a), {"Friday", "DATE", "2025-09-12"}));
  EXPECT_TRUE(Has(TagText("The law, passed by parliament on June 12, comes into force next week.", a),
                  {"June 12", "DATE", "2025-06-12"}));
  EXPECT_TRUE(Has(TagText("The new rules, announced by the ministry on Friday, will take effect in January.", a),
                  {"Friday", "DATE", "2025-09-12"}));
  // A schedule verb's noun after a possessive is no schedule.
  EXPECT_TRUE(Has(TagText("Protests marked Trump's visit on Saturday.", a), {"Saturday", "DATE", "2025-09-13"}));
}

// A date that goes on from the one before it, after "to", "until",
// "through", "and" or "or": the end of a range not before its start, an
// alternative near it; a month only after a month, a day after a day.
TEST(Dates, ADateLinkedToTheOneBeforeGoesOnFromIt) {
  const char* a = "2026-03-27";  // a Friday
  auto r = TagText("Airline summer schedules run from 29 March to 24 October.", a);
  EXPECT_TRUE(HasAll(r, {{"29 March", "DATE", "2026-03-29"}, {"24 October", "DATE", "2026-10-24"}}));
  EXPECT_TRUE(Has(TagText("The offer runs from Dec. 20 to Jan. 5.", "2025-12-01"), {"Jan. 5", "DATE", "2026-01-05"}));
  EXPECT_TRUE(Has(TagText("The storm is expected to make landfall late Saturday or early Sunday.", "2025-09-26"),
                  {"early Sunday", "DATE", "2025-09-28"}));
  // Alternatives in any order: the nearest to the day before.
  EXPECT_TRUE(Has(TagText("Following are statements made Friday and Thursday by the lawyer.", "1998-02-06"),
                  {"Thursday", "DATE", "1998-02-05"}));
  // A range to a weekday: its own reading, when not before the start.
  EXPECT_TRUE(Has(TagText("It holds 254,200 shares bought from Sept. 14 to Thursday.", "1989-10-30"),
                  {"Thursday", "DATE", "1989-10-26"}));
  EXPECT_TRUE(Has(TagText("Fund sales this year through August rose 5%.", "1989-10-27"), {"August", "DATE", "1989-08"}));
  // Lists run forward while they stay on their first day's side of the
  // anchor; a list of months runs forward in its year.
  EXPECT_TRUE(Has(TagText("The rallies took place on Monday and Saturday.", "2025-10-12"),
                  {"Saturday", "DATE", "2025-10-11"}));
  EXPECT_TRUE(Has(TagText("Matches will be played on Sunday and Friday.", "2025-10-11"),
                  {"Friday", "DATE", "2025-10-17"}));
  EXPECT_TRUE(Has(TagText("Sales rose in March and November.", "2025-12-15"), {"November", "DATE", "2025-11"}));
  EXPECT_TRUE(Has(TagText("The central bank meets in January and September.", "2025-12-15"),
                  {"September", "DATE", "2026-09"}));
  // A list that turns back keeps its own reading.
  EXPECT_TRUE(Has(TagText("Sales fell in November and January.", "2025-10-08"), {"January", "DATE", "2025-01"}));
  // A move is no range.
  EXPECT_TRUE(Has(TagText("The vote will be brought forward from Thursday to Tuesday.", "2025-10-06"),
                  {"Tuesday", "DATE", "2025-10-07"}));
  EXPECT_TRUE(Has(TagText("The race will move from June 20 to May 24 this year.", "2025-03-10"),
                  {"May 24", "DATE", "2025-05-24"}));
  // No range: a noun after "to", a month after a day, a day after a month.
  EXPECT_TRUE(Has(TagText("The dividend is payable Dec. 7 to stock of record Nov. 22.", "1989-10-27"),
                  {"Nov. 22", "DATE", "1989-11-22"}));
  EXPECT_TRUE(Has(TagText("After a small downward revision Friday to December's figures, jobs grew.", "1998-02-06"),
                  {"December", "DATE", "1997-12"}));
  EXPECT_TRUE(Has(TagText("The Canadian Grand Prix moves from June to May 24.", "2025-12-10"),
                  {"May 24", "DATE", "2026-05-24"}));
}

// "urged people to book before December": a verb whose infinitive lies ahead
// of it puts the date after it; not in the passive, nor "tried to".
TEST(Dates, AnInfinitiveAfterAnAgreementOrAnAppealLiesAhead) {
  const char* a = "2025-10-06";  // a Monday
  EXPECT_TRUE(Has(TagText("Health officials urged people to book before December, when cases peak.", a),
                  {"December", "DATE", "2025-12"}));
  EXPECT_TRUE(Has(TagText("Senate candidates have agreed to debate every month from May.", "2026-02-02"),
                  {"May", "DATE", "2026-05"}));
  EXPECT_TRUE(Has(TagText("Residents were ordered to evacuate on Sunday.", a), {"Sunday", "DATE", "2025-10-05"}));
  // Only after a word that looks ahead ("by", "before", "from", "until"):
  // "on" and "in" date the vote or the agreement.
  EXPECT_TRUE(Has(TagText("He promised to deliver the report by Friday.", "2025-10-08"),
                  {"Friday", "DATE", "2025-10-10"}));
  EXPECT_TRUE(Has(TagText("The House voted to impeach the president on Tuesday.", "2025-10-08"),
                  {"Tuesday", "DATE", "2025-10-07"}));
  EXPECT_TRUE(Has(TagText("OPEC+ agreed to raise output in September.", "2025-10-08"),
                  {"September", "DATE", "2025-09"}));
  // Nor after a pluperfect, nor after a date of the verb's own clause.
  EXPECT_TRUE(Has(TagText("Residents had agreed to vacate the building by Friday, but many stayed.", "2025-10-08"),
                  {"Friday", "DATE", "2025-10-03"}));
  EXPECT_TRUE(Has(TagText("Last year the board agreed to raise prices from January.", "2025-10-08"),
                  {"January", "DATE", "2025-01"}));
  EXPECT_TRUE(Has(TagText("She tried to escape on Sunday.", a), {"Sunday", "DATE", "2025-10-05"}));
  // A deadline given lies ahead of the giving.
  EXPECT_TRUE(Has(TagText("The agency has given the relatives until 9 a.m. Tuesday to sign.", a),
                  {"9 a.m. Tuesday", "TIME", "2025-10-07T09:00"}));
  // Not a thing given to someone, nor a deadline given before a past.
  EXPECT_TRUE(Has(TagText("She gave an interview to CNN on Sunday.", "2025-10-08"), {"Sunday", "DATE", "2025-10-05"}));
  EXPECT_TRUE(Has(TagText("He had given the lender until Monday to respond, but it did not.", "2025-10-08"),
                  {"Monday", "DATE", "2025-10-06"}));
  // A deadline says what is due ("to leave"); "gave evidence until Tuesday" does not.
  EXPECT_TRUE(Has(TagText("He gave evidence until Tuesday, when the hearing adjourned.", "2025-10-08"),
                  {"Tuesday", "DATE", "2025-10-07"}));
  EXPECT_TRUE(Has(TagText("Tenants have been given until January 31 to leave.", "2025-10-08"),
                  {"January 31", "DATE", "2026-01-31"}));
}

// "could" and "would" before a report ("..., forecasters said") are its
// future; not "could not", "could have", "could see".
TEST(Dates, AModalBeforeItsReportIsTheReportsFuture) {
  const char* a = "2025-10-08";  // a Wednesday
  EXPECT_TRUE(Has(TagText("The storm could bring snow late Saturday, forecasters said.", a),
                  {"late Saturday", "DATE", "2025-10-11"}));
  EXPECT_TRUE(Has(TagText("The vote would take place on Thursday, the speaker said.", a),
                  {"Thursday", "DATE", "2025-10-09"}));
  EXPECT_TRUE(Has(TagText("He could not attend on Monday, his lawyer said.", a), {"Monday", "DATE", "2025-10-06"}));
  EXPECT_TRUE(Has(TagText("She could see the smoke on Sunday, she told reporters.", a),
                  {"Sunday", "DATE", "2025-10-05"}));
}

// A clock time or noon takes the day after it whole: a weekday and its date,
// "next Thursday".
TEST(Dates, ATimeTakesTheWholeDayAfterIt) {
  const char* a = "2026-01-29";  // a Thursday
  EXPECT_TRUE(Has(TagText("A funeral will be held at 11am on Friday 27 February.", "2026-02-18"),
                  {"11am on Friday 27 February", "TIME", "2026-02-27T11:00"}));
  auto r = TagText("The bank announces its decision at noon next Thursday.", a);
  EXPECT_TRUE(Has(r, {"noon next Thursday", "TIME", "2026-02-05T12:00"}));
  EXPECT_EQ(r.size(), 1u);
  EXPECT_TRUE(Has(TagText("Tickets will go on sale to members at 10am on Monday.", "2025-08-01"),
                  {"10am on Monday", "TIME", "2025-08-04T10:00"}));
}

// A year in brackets or before a closing quote is a year; one quoted whole
// is a title; one glued to other characters is a code.
TEST(Dates, AYearInBracketsOrQuotesIsAYear) {
  const char* a = "1989-10-30";
  EXPECT_TRUE(Has(TagText("His album \"Midnight in Memphis\" (1962) remains his best known.", a),
                  {"1962", "DATE", "1962"}));
  EXPECT_TRUE(Has(TagText("He said: \"Growth has not met our expectations for 1989\".", a), {"1989", "DATE", "1989"}));
  EXPECT_TRUE(TagText("She reread the novel \"1984\" and the codes ABC1989, #1989 and $1989.", a).empty());
  // Counts and clocks in brackets, a plan's name.
  EXPECT_TRUE(TagText("Germany (1850) and France (1920) led; the flight left at 3pm (1500 local time).", a).size() ==
              1u);
  EXPECT_TRUE(TagText("The group called its plan \"Agenda 2030\".", a).empty());
  auto film = TagText("Kubrick's \"2001: A Space Odyssey\" (1968) returns to cinemas.", a);
  ASSERT_EQ(film.size(), 1u);
  EXPECT_EQ(film[0].value, "1968");
}

// A second day of the same month: "April 28-29", "4-5 June", "March 5th
// and 7th"; not a count after "and".
TEST(Dates, ASecondDayOfTheMonthIsItsOwnDate) {
  const char* a = "2026-02-25";
  auto r = TagText("The Fed meets on April 28-29, the ECB on 4-5 June, and staff strike on March 5th and 7th.", a);
  EXPECT_TRUE(HasAll(r, {{"April 28", "DATE", "2026-04-28"},
                         {"29", "DATE", "2026-04-29"},
                         {"4", "DATE", "2026-06-04"},
                         {"5 June", "DATE", "2026-06-05"},
                         {"March 5th", "DATE", "2026-03-05"},
                         {"7th", "DATE", "2026-03-07"}}));
  r = TagText("It happened on May 3 and 4 others died.", a);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].text, "May 3");
  // Nor a percentage, a score, a day the month lacks.
  EXPECT_EQ(TagText("Shares fell 5% on May 2 and 3% on May 5.", a).size(), 2u);
  EXPECT_FALSE(Has(TagText("The team lost 2-3 October 4 to Leeds.", a), {"2", "DATE", "2025-10-02"}));
  EXPECT_EQ(TagText("The meeting was held on February 28-29.", "2026-10-08").size(), 1u);
  EXPECT_TRUE(Has(TagText("The summit was held on Sept. 28-29 in Vienna.", "2025-10-08"),
                  {"29", "DATE", "2025-09-29"}));
  EXPECT_TRUE(Has(TagText("The talks were held on the 9th-10th of September.", "2025-10-08"),
                  {"9th", "DATE", "2025-09-09"}));
}

// "on the 23rd": a day of the month last named, else of the anchor's by
// tense; "from 13 to 21 September"; "the decades ahead".
TEST(Dates, ADayOfTheMonthAloneARangeOfDaysAndTheYearsAhead) {
  const char* a = "2025-12-19";
  EXPECT_TRUE(Has(TagText("Talks resume in January, starting on the 5th.", a), {"the 5th", "DATE", "2026-01-05"}));
  EXPECT_TRUE(Has(TagText("In March the board met twice. It voted on the 12th and again on the 26th.", a),
                  {"the 26th", "DATE", "2025-03-26"}));
  // The month moves to the anchor's side the clause's tense puts it on.
  EXPECT_TRUE(Has(TagText("The deadline was September 30. Payments will resume on the 1st.", "2025-10-08"),
                  {"the 1st", "DATE", "2025-11-01"}));
  // Only where the text has named a month: not a golf hole, a floor.
  EXPECT_TRUE(TagText("McIlroy bogeyed on the 18th at Augusta to lose by one.", a).empty());
  EXPECT_TRUE(TagText("He lived on the 5th floor.", a).empty());
  EXPECT_TRUE(TagText("The bill must be paid by the 15th.", a).empty());
  EXPECT_TRUE(Has(TagText("The championships run from 13 to 21 September.", "2025-08-19"),
                  {"13", "DATE", "2025-09-13"}));
  EXPECT_TRUE(Has(TagText("Harder choices lie in the decades ahead.", a), {"the decades ahead", "DURATION", "PXDE"}));
}

// Year 0000 or 9999 is no anchor: "last year" of 0000 would be year -1.
TEST(Dates, AYearOfZeroesOrNinesIsNoAnchor) {
  EXPECT_FALSE(ParseIsoDate("0000-01-01T00:00:00Z").has_value());
  EXPECT_FALSE(ParseIsoDate("9999-12-31").has_value());
  EXPECT_TRUE(ParseIsoDate("0001-01-01").has_value());
  EXPECT_TRUE(Has(TagText("It rained last year and yesterday.", "0000-01-01"), {"last year", "DATE", "XXXX"}));
}

// "As soon as", "as early as": the earliest a thing may come lies ahead
// where no verb near says otherwise, and they lead in "May" and "March".
TEST(Dates, TheEarliestAThingMayComeLiesAhead) {
  const char* a = "2000-04-03";  // a Monday
  EXPECT_TRUE(Has(TagText("The group would be ready to leave for the United States as soon as Tuesday, Castro said.", a),
                  {"Tuesday", "DATE", "2000-04-04"}));
  EXPECT_TRUE(Has(TagText("Talks could resume as early as May.", a), {"May", "DATE", "2000-05"}));
  EXPECT_TRUE(Has(TagText("The company said it had warned staff as early as March.", a), {"March", "DATE", "2000-03"}));
  // A verb near still decides; "such as May" is no date, nor the person
  // after "as soon as"; without a modal the timeline's day is the past.
  EXPECT_TRUE(Has(TagText("The firm had cut jobs as early as Friday.", a), {"Friday", "DATE", "2000-03-31"}));
  EXPECT_TRUE(TagText("Speakers such as May and Johnson disagreed.", a).empty());
  EXPECT_TRUE(TagText("As soon as May said that, the room went quiet.", a).empty());
  EXPECT_TRUE(Has(TagText("Timeline: warnings as early as Saturday, evacuation on Sunday.", a),
                  {"Saturday", "DATE", "2000-04-01"}));
}

// A rate after a count of one or two words: "an hour" too; not after a
// preposition ("two goals in a day").
TEST(Dates, ARateAfterACountOfTwoWords) {
  const char* a = "2026-03-27";
  EXPECT_TRUE(Has(TagText("Operators will run one train an hour.", a), {"an hour", "SET", "PT1H"}));
  EXPECT_TRUE(Has(TagText("Hospitals treated more than 5,400 flu patients a day in January.", a),
                  {"a day", "SET", "P1D"}));
  EXPECT_TRUE(Has(TagText("He scored two goals in a day.", a), {"a day", "DURATION", "P1D"}));
  EXPECT_FALSE(Has(TagText("Three doses given a month apart were needed.", a), {"a month", "SET", "P1M"}));
  EXPECT_FALSE(Has(TagText("Three rockets landed an hour apart.", a), {"an hour", "SET", "PT1H"}));
  EXPECT_TRUE(Has(TagText("The 30 remaining hostages a week from now could be free.", a),
                  {"a week from now", "DATE", "2026-W14"}));
}

// "the following spring": the first such season after the date last named.
TEST(Dates, TheFollowingSeasonComesAfterTheDateLastNamed) {
  const char* a = "2025-08-19";
  EXPECT_TRUE(Has(TagText("She missed the end of 2023 injured and returned to racing the following spring.", a),
                  {"the following spring", "DATE", "2024-SP"}));
  EXPECT_TRUE(Has(TagText("He was hurt in May 2019 and returned the following winter.", a),
                  {"the following winter", "DATE", "2019-WI"}));
  EXPECT_TRUE(Has(TagText("He was elected in 2010. The previous autumn he had campaigned.", a),
                  {"The previous autumn", "DATE", "2009-FA"}));
}

// "The first Monday in October": that day of the month, its year as the
// month's by tense or as written after it.
TEST(Dates, AnOrdinalWeekdayOfAMonthIsThatDay) {
  const char* a = "2025-08-18";  // a Monday
  auto r = TagText("The court returns on the first Monday in October. Voters went to the polls on the second "
                   "Tuesday of March, and the board meets on the last Friday of June 2026.",
                   a);
  EXPECT_TRUE(HasAll(r, {{"the first Monday in October", "DATE", "2025-10-06"},
                         {"the second Tuesday of March", "DATE", "2025-03-11"},
                         {"the last Friday of June 2026", "DATE", "2026-06-26"}}));
  EXPECT_EQ(r.size(), 3u);
  // No fifth Monday in a month of four.
  for (const auto& d : TagText("It falls on the fifth Monday in February.", a)) EXPECT_NE(d.value, "2025-02-31");
}

// A month or day without a year takes the year the sentence has just named.
TEST(Dates, AMonthTakesTheYearItsSentenceNamed) {
  const char* a = "2025-08-18";
  auto r = TagText("The last comparable drought, in 2018, lasted from May until late October.", a);
  EXPECT_TRUE(HasAll(r, {{"May", "DATE", "2018-05"}, {"late October", "DATE", "2018-10"}}));
  EXPECT_TRUE(Has(TagText("Cracks were found on 3 March 2024, and the bridge was shut on 9 March.", a),
                  {"9 March", "DATE", "2024-03-09"}));
  EXPECT_TRUE(Has(TagText("In 2030 the council will reopen it in June.", a), {"June", "DATE", "2030-06"}));
  // A past year in a future clause is a modifier, not the time of it.
  EXPECT_TRUE(Has(TagText("The 2019 budget will pass in May.", a), {"May", "DATE", "2026-05"}));
  // A year far back is another clause's.
  EXPECT_TRUE(Has(TagText("Under a program approved by the company in 1987 that did not specify a share amount, "
                          "Nashua had purchased shares through Sept. 29.",
                          "1989-10-26"),
                  {"Sept. 29", "DATE", "1989-09-29"}));
}

TEST(Dates, ListsRangesAndRecurrences) {
  const char* a = "2025-01-31";
  auto r = TagText("Profit in the January-March quarter rose, as in November-January. Clubs meet every Monday "
                   "and Thursday; inspections come every April, June and October. In the 1970s and 80s it grew. "
                   "By the end of the decade it will double. The talks could last weeks, in the last weeks of "
                   "the year. It pays a dividend quarterly; its quarterly dividend rose.",
                   a);
  // (A quarter named by its months is the quarter: TIMEX3 has one value
  // for it.)
  EXPECT_TRUE(HasAll(r, {{"the January-March quarter", "DATE", "2025-Q1"},
                         {"November", "DATE", "2024-11"},
                         {"January", "DATE", "2025-01"},
                         {"every Monday", "SET", "XXXX-WXX-1"},
                         {"Thursday", "SET", "XXXX-WXX-4"},
                         {"every April", "SET", "XXXX-04"},
                         {"June", "SET", "XXXX-06"},
                         {"October", "SET", "XXXX-10"},
                         {"80s", "DATE", "198X"},
                         {"the end of the decade", "DATE", "202X"},
                         {"weeks", "DURATION", "PXW"},
                         {"quarterly", "SET", "P3M"}}));
  EXPECT_EQ(std::count_if(r.begin(), r.end(), [](const D& d) { return d.text == "quarterly"; }), 1)
      << "a quarterly dividend is no recurrence";
  EXPECT_TRUE(Has(TagText("Sales in January-March 2024 were weak.", a), {"March 2024", "DATE", "2024-03"}));
  EXPECT_TRUE(Has(TagText("Sales in January-March 2024 were weak.", a), {"January", "DATE", "2024-01"}));
  // The Nth week of a month: the ISO week that holds its first day.
  r = TagText("The last week of June 2023 was hot; in the first week of March 2024 prices fell.", a);
  EXPECT_TRUE(HasAll(r, {{"The last week of June 2023", "DATE", "2023-W26"},
                         {"the first week of March 2024", "DATE", "2024-W09"}}));
}

// Wire copy's deixis, rates and deadlines.
TEST(Dates, WireCopysTodayRatesAndDeadlines) {
  const char* a = "1994-12-02";  // a Friday
  auto r = TagText("Negotiators agreed today on a bill. Traders awaited today's report. Earlier today, the Fed "
                   "met. Today's democracies are fragile. Police shot him early Sunday and arrested a man late "
                   "last night.",
                   a);
  EXPECT_TRUE(HasAll(r, {{"today", "DATE", "1994-12-02"},
                         {"last night", "TIME", "1994-12-01TNI"},
                         {"Today", "DATE", "PRESENT_REF"}}));
  EXPECT_EQ(std::count_if(r.begin(), r.end(), [](const D& d) { return d.value == "1994-12-02"; }), 3);
  // "early Sunday", "late Friday", "early today": the day, the part in the span.
  EXPECT_TRUE(HasAll(TagText("He was shot early Sunday; police said early today a man was held.", a),
                     {{"early Sunday", "DATE", "1994-11-27"}, {"early today", "DATE", "1994-12-02"}}));
  r = TagText("The strike costs $30 million a day; patients eat three meals a day. She came a day later.", a);
  EXPECT_TRUE(HasAll(r, {{"a day", "SET", "P1D"}, {"a day", "DURATION", "P1D"}}));
  EXPECT_EQ(std::count_if(r.begin(), r.end(), [](const D& d) { return d.type == "SET"; }), 2);
  r = TagText("The strike costs 20 million euros a day. The race took two hours and 14 minutes; the war three "
              "years and six months.",
              a);
  EXPECT_TRUE(HasAll(r, {{"a day", "SET", "P1D"},
                         {"two hours and 14 minutes", "DURATION", "PT2H14M"},
                         {"three years and six months", "DURATION", "P3Y6M"}}));
  r = TagText("The judge postponed until Jan. 14 the fraud trial. The talks lasted until Tuesday. The Fed "
              "raised rates most recently on Nov. 15, and analysts expect another rise.",
              a);
  EXPECT_TRUE(HasAll(r, {{"Jan. 14", "DATE", "1995-01-14"},
                         {"Tuesday", "DATE", "1994-11-29"},
                         {"Nov. 15", "DATE", "1994-11-15"}}));
  r = TagText("Voters go to the polls on Election Day, after the Fourth of July recess. Storms like this are rare "
              "these days, and cash is useful at this time. At this time of year it snows.",
              "1996-10-20");
  EXPECT_TRUE(HasAll(r, {{"Election Day", "DATE", "1996-11-05"},
                         {"Fourth of July", "DATE", "1996-07-04"},
                         {"these days", "DATE", "PRESENT_REF"},
                         {"this time", "DATE", "PRESENT_REF"}}));
  EXPECT_EQ(r.size(), 4u) << "\"at this time of year\" is no present";
}

// A slash date is day first unless the document writes its dates month first.
TEST(Dates, SlashDatesFollowTheDocumentsOrder) {
  EXPECT_TRUE(Has(TagText("SAN FRANCISCO, Feb. 3, 2025 - Tickets went on sale on 9/6/2023.", "2025-02-03"),
                  {"9/6/2023", "DATE", "2023-09-06"}));
  EXPECT_TRUE(Has(TagText("LONDON, 3 February 2025 - Tickets went on sale on 9/6/2023.", "2025-02-03"),
                  {"9/6/2023", "DATE", "2023-06-09"}));
  EXPECT_TRUE(Has(TagText("Tickets went on sale on 9/6/2023.", "2025-02-03"), {"9/6/2023", "DATE", "2023-06-09"}));
}

// Dates as comments write them.
TEST(Dates, CommentsLowerCaseMonthsShortYearsAndShorthand) {
  const char* a = "2024-06-06";  // a Thursday
  auto r = TagText("they refused peace in april 2022. it happened in january. see you on may 28, remember jan 6? "
                   "they march 3 abreast. voted Obama back in '08 and '12, the '80s were great. meeting is tmrw, "
                   "or on Tues.",
                   a);
  EXPECT_TRUE(HasAll(r, {{"april 2022", "DATE", "2022-04"},
                         {"january", "DATE", "2024-01"},
                         {"may 28", "DATE", "2025-05-28"},  // "see you on": the next one
                         {"jan 6", "DATE", "2024-01-06"},
                         {"'08", "DATE", "2008"},
                         {"'12", "DATE", "2012"},
                         {"the '80s", "DATE", "198X"},
                         {"tmrw", "DATE", "2024-06-07"},
                         {"Tues", "DATE", "2024-06-04"}}));
  for (const D& d : r) EXPECT_NE(d.text, "march 3") << "a verb before a number";
  EXPECT_TRUE(HasAll(TagText("left yday, last wk was busy, 3 hrs of queues over xmas, back in 2 wks, 40 mins late", a),
                     {{"yday", "DATE", "2024-06-05"},
                      {"last wk", "DATE", "2024-W22"},
                      {"3 hrs", "DURATION", "PT3H"},
                      {"xmas", "DATE", "2023-12-25"},
                      {"2 wks", "DURATION", "P2W"},
                      {"40 mins", "DURATION", "PT40M"}}));
  EXPECT_TRUE(TagText("you may 2 go. The Sun said so.", a).empty());
}

// A weekday's clause read through the names in it ("will be presented at
// the American Heart Association's Scientific Sessions in Chicago on
// Tuesday"), a stop until a day ("cancelled all flights until Monday"), a
// modal's earliest day not dated by the clause after ", after" ("could
// walk off the job as early as Friday, after talks broke down"), and a
// reader's "see you" are the future.
TEST(Dates, FutureWeekdaysThroughNamesStopsModalsAndGreetings) {
  const char* a = "2026-11-21";  // a Saturday
  EXPECT_TRUE(HasAll(TagText("The data will be presented at the American Heart Association's Scientific Sessions "
                             "in Chicago on Tuesday, the company said.",
                             a),
                     {{"Tuesday", "DATE", "2026-11-24"}}));
  EXPECT_TRUE(HasAll(TagText("Biman Bangladesh Airlines cancelled all flights to Cox's Bazar until Monday.", a),
                     {{"Monday", "DATE", "2026-11-23"}}));
  EXPECT_TRUE(HasAll(TagText("Crews could walk off the job as early as 12:01 a.m. on Friday, after talks over "
                             "fatigue rules broke down.",
                             a),
                     {{"12:01 a.m. on Friday", "TIME", "2026-11-27T00:01"}}));
  EXPECT_TRUE(HasAll(TagText("samoa had no answer. see u all in sydney saturday, bring the red", "2026-11-02"),
                     {{"saturday", "DATE", "2026-11-07"}}));
  // The past stays the past.
  EXPECT_TRUE(HasAll(TagText("Shares of TSMC were little changed in Taipei on Tuesday, while Sony rose.", a),
                     {{"Tuesday", "DATE", "2026-11-17"}}));
  EXPECT_TRUE(HasAll(TagText("The ministry closed the road on Monday after a landslide.", a),
                     {{"Monday", "DATE", "2026-11-16"}}));
  EXPECT_TRUE(HasAll(TagText("The airline cancelled flights to London on Monday because of fog.", a),
                     {{"Monday", "DATE", "2026-11-16"}}));
  EXPECT_TRUE(HasAll(TagText("I didn't see you at the game on Tuesday.", a), {{"Tuesday", "DATE", "2026-11-17"}}));
}

TEST(Dates, AMonthsYearThroughFiguresOpenStretchesAndAFutureClause) {
  const char* a = "2026-11-27";
  // A figure with its per cent sign is one word of the tense's window.
  EXPECT_TRUE(HasAll(TagText("Governor Richard Byles said inflation had eased to 5.4% in October from a peak of 7.9% "
                             "in February, when shortages drove prices up.",
                             a),
                     {{"February", "DATE", "2026-02"}}));
  // A year an open stretch starts from lends no month its year.
  EXPECT_TRUE(HasAll(TagText("Giri, who has represented the Netherlands since 2009, qualified by winning the "
                             "Candidates Tournament in Cyprus in April.",
                             a),
                     {{"2009", "DATE", "2009"}, {"April", "DATE", "2026-04"}}));
  // A future clause's month already gone this year is next year's.
  EXPECT_TRUE(HasAll(TagText("The governing body will present its report for 2026 in Aigle in January.", a),
                     {{"2026", "DATE", "2026"}, {"January", "DATE", "2027-01"}}));
  // (A year ahead still dates it: "In 2030 it will open in June".)
  EXPECT_TRUE(HasAll(TagText("In 2030 it will open in June.", a), {{"June", "DATE", "2030-06"}}));
}

TEST(Dates, BareUnitsOfAContrastAQuoteAVerbsOfAndADistance) {
  const char* a = "2026-11-27";
  EXPECT_TRUE(HasAll(TagText("The test is whether the court can reach a verdict in months, not years.", a),
                     {{"months", "DURATION", "PXM"}, {"years", "DURATION", "PXY"}}));
  EXPECT_TRUE(HasAll(TagText("Dr Kim said trust would take \"years\" to rebuild.", a), {{"years", "DURATION", "PXY"}}));
  EXPECT_TRUE(HasAll(TagText("Auditors uncovered years of under-reported debt, and the talks follow months of attacks.", a),
                     {{"years", "DURATION", "PXY"}, {"months", "DURATION", "PXM"}}));
  EXPECT_TRUE(HasAll(TagText("It began shipping to customers weeks ahead of schedule; peace is years away.", a),
                     {{"weeks", "DURATION", "PXW"}, {"years", "DURATION", "PXY"}}));
  // Not a noun's units of something.
  EXPECT_TRUE(TagText("In days of old, knights fought. The days of the regime are numbered.", a).empty());
}

TEST(Dates, AQuarterByItsMonthsAndAHalfOfAMonth) {
  const char* a = "2026-11-24";
  EXPECT_TRUE(HasAll(TagText("Inflation slowed to 2.3% in the September quarter, and GDP shrank in the July-September "
                             "quarter. Sales will rise in the March quarter.",
                             a),
                     {{"the September quarter", "DATE", "2026-Q3"},
                      {"the July-September quarter", "DATE", "2026-Q3"},
                      {"the March quarter", "DATE", "2027-Q1"}}));
  EXPECT_TRUE(HasAll(TagText("Inflation slowed to 3.6% in the first half of November.", a),
                     {{"the first half of November", "DATE", "2026-11"}}));
  // Months that are no quarter's stay a range's.
  EXPECT_TRUE(HasAll(TagText("Profit rose in the January-June period.", a), {{"January", "DATE", "2026-01"}}));
}

TEST(Dates, AClockTimeAloneInItsParagraphTakesTheStorysDay) {
  EXPECT_TRUE(HasAll(TagText("NASA's Artemis II mission lifted off on Thursday evening.\n\nThe rocket cleared the "
                             "tower at 6:24 p.m. after a hold.",
                             "2026-03-06"),
                     {{"6:24 p.m.", "TIME", "2026-03-05T18:24"}}));
  // The day of what happened, not of the report of it.
  EXPECT_TRUE(HasAll(TagText("A fire killed 11 workers on Friday night, police said on Saturday.\n\nThe blaze broke "
                             "out at around 10:40 p.m., the police chief said.",
                             "2026-11-21"),
                     {{"10:40 p.m.", "TIME", "2026-11-20T22:40"}}));
  // Nor the dateline's day; and the small hours after an evening's time are
  // the next day's.
  EXPECT_TRUE(HasAll(TagText("JAKARTA, Nov 21 (Reuters) - A fire killed 11 workers on Friday night, police said on "
                             "Saturday.\n\nThe blaze broke out at around 10:40 p.m.\n\nA spokesman said the fire "
                             "had been put out by 2 a.m.",
                             "2026-11-21"),
                     {{"10:40 p.m.", "TIME", "2026-11-20T22:40"}, {"2 a.m.", "TIME", "2026-11-21T02:00"}}));
  // Not a day far from the story's date ("from March 28"), nor over a day
  // named in the time's own paragraph.
  EXPECT_TRUE(HasAll(TagText("The airline will fly to London from March 28.\n\nThe first flight leaves at 8:15 a.m.",
                             "2026-11-24"),
                     {{"8:15 a.m.", "TIME", "2026-11-24T08:15"}}));
}

TEST(Dates, TheReviewsNearMissesOfTheThirtyNinthSession) {
  const char* a = "2026-11-24";
  // A quarter-final is no quarter; a quarter of a given year is that year's.
  auto r = TagText("Scotland face Fiji in the June quarter-final. GDP grew in the September quarter of 2025.", a);
  EXPECT_TRUE(HasAll(r, {{"the September quarter of 2025", "DATE", "2025-Q3"}}));
  for (const auto& m : r) EXPECT_NE(m.text, "the June quarter");
  // The small hours only as what an evening's event lasted until.
  EXPECT_TRUE(HasAll(TagText("Voting closed at 8 p.m. on Sunday in Lagos. Polls had opened at 5 a.m.", a),
                     {{"5 a.m.", "TIME", "2026-11-22T05:00"}}));
  // A month of a year the clause names stays in it.
  EXPECT_TRUE(HasAll(TagText("The company said it will restate its 2026 results for March and April.", a),
                     {{"April", "DATE", "2026-04"}}));
  // A name after "not" is no unit; a determiner's adjective no verb's.
  for (const auto& m : TagText("It was Smith, not Weeks, who scored in the troubled years of the Rudd government.", a))
    EXPECT_TRUE(m.text != "Weeks" && m.text != "years") << m.text;
}

TEST(Dates, ThePresentOfAScheduleAfterASubjectOrARelative) {
  const char* a = "2026-11-25";  // a Wednesday
  EXPECT_TRUE(HasAll(TagText("The legislature sits again on Thursday. The state goes to the polls on Saturday.", a),
                     {{"Thursday", "DATE", "2026-11-26"}, {"Saturday", "DATE", "2026-11-28"}}));
  EXPECT_TRUE(HasAll(TagText("Spain and Italy now turn to the Davis Cup Finals, which begin on Monday. Voters go to "
                             "the polls on Sunday.",
                             a),
                     {{"Monday", "DATE", "2026-11-30"}, {"Sunday", "DATE", "2026-11-29"}}));
  // Not a date further on in the sentence, nor a noun after a count.
  EXPECT_TRUE(HasAll(TagText("Voters go to the polls on Friday, after the talks of last Sunday recess. He scored 120 "
                             "runs on Monday.",
                             a),
                     {{"Monday", "DATE", "2026-11-23"}}));
}

TEST(Dates, APhrasalDeferralANamedAttributionAndAClauseAfterCommaAnd) {
  const char* a = "2026-12-10";
  EXPECT_TRUE(HasAll(TagText("Parliament has put off a vote on independence until March. The agency pushed back the "
                             "launch to June.",
                             a),
                     {{"March", "DATE", "2027-03"}, {"June", "DATE", "2027-06"}}));
  // A report's verb after its speaker's name dates the report, not what
  // it reports.
  EXPECT_TRUE(HasAll(TagText("The government hopes to agree a programme by mid-January, Economy Minister José Gabriel "
                             "Espinoza said. The film will open in Lima on Dec. 18 and in Quito in January, its "
                             "distributor Moonrise Pictures said.",
                             a),
                     {{"mid-January", "DATE", "2027-01"}, {"January", "DATE", "2027-01"}}));
  // After ", and" another clause: its past is not the date's.
  EXPECT_TRUE(HasAll(TagText("The city must have a balanced budget in place before Jan. 1, and it has never missed one.",
                             "2026-12-17"),
                     {{"Jan. 1", "DATE", "2027-01-01"}}));
}

TEST(Dates, TheReviewsNearMissesOfTheFortiethSession) {
  const char* a = "2026-11-25";  // a Wednesday
  // A date that opens its sentence takes the report's tense.
  EXPECT_TRUE(HasAll(TagText("On Monday, Prime Minister Keir Starmer said he will visit Kyiv. Today, Prime Minister "
                             "Keir Starmer said Britain is ready to act.",
                             a),
                     {{"Monday", "DATE", "2026-11-23"}, {"Today", "DATE", "2026-11-25"}}));
  // A push back to a place; a level; an origin; a habit of going.
  EXPECT_TRUE(HasAll(TagText("Government forces pushed back the rebels to Idlib in March. Inflation sits at 2.3% in "
                             "October. The story goes back to June. Everything goes wrong in October.",
                             a),
                     {{"March", "DATE", "2026-03"}, {"October", "DATE", "2026-10"}, {"June", "DATE", "2026-06"}}));
  // A list in the subject is no other clause; a plural's schedule farther on.
  EXPECT_TRUE(HasAll(TagText("The talks on Monday, and a vote on Tuesday, will decide the budget. Both chambers "
                             "convene for a rare joint session on the budget on Tuesday.",
                             a),
                     {{"Monday", "DATE", "2026-11-30"}, {"Tuesday", "DATE", "2026-12-01"}}));
}

TEST(Dates, NumbersAreReadAsWritten) {
  // Keys drop '.', so "19.69" must not read as the year 1969, nor "1.5" as 15.
  auto r = TagText("The DAX dropped 19.69 points to 1462.93 in 1.5 hours.", "1989-10-30");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_TRUE(Has(r, {"1.5 hours", "DURATION", "PT1H30M"}));
  // 1989-10-30 is a Monday.
  r = TagText("The paper said on Monday, Oct. 26: stop. It ended at 9.30pm on Friday.", "1989-10-30");
  EXPECT_TRUE(Has(r, {"Monday, Oct. 26", "DATE", "1989-10-26"}));
  EXPECT_TRUE(Has(r, {"9.30pm on Friday", "TIME", "1989-10-27T21:30"}));
}

// Scanner::Run tries at each token only the rule families whose start
// condition holds there (the gate, derived from the family table). Running
// every family at every token must give the same mentions (rules and values
// included) on the seeds and on every start word followed by every word the
// rules look at next.
TEST(Dates, GateSkipsOnlyTokensWhereNoRuleStarts) {
  std::vector<std::string> texts;
  for (const auto& e : std::filesystem::directory_iterator(
           std::filesystem::path(TIDINGS_SOURCE_DIR) / "tests/data/seeds")) {
    if (e.path().extension() != ".txt") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());
  }
  const std::vector<std::string> starts = {
      "the", "The", "a", "an", "this", "that", "these", "those", "last", "next", "past",
      "coming", "previous", "first", "following", "early", "late", "mid", "start", "end",
      "beginning", "middle", "all", "right", "every", "each", "per", "half", "few", "several",
      "many", "recent", "couple", "some", "now", "today", "yesterday", "tonight", "recently",
      "three", "twenty", "3", "17th", "2013", "1990s", "9/11", "3/4/2015", "October", "Oct",
      "may", "May", "Saturday", "summer", "Feb", "15:00", "9pm", "3", "'", "twenty", "nineteenth", "fiscal", "FY", "FY2012",
      "annually", "weekly", "daily", "Days", "2009", "third", "3rd", "fourth", "Q3", "its",
      "year", "current", "latest", "noon", "midnight", "nineteen", "soon", "Christmas", "New",
      "once", "twice", "Thanksgiving"};
  const std::vector<std::string> nexts = {
      "", "-", "of", "the", "year", "years", "month", "months", "week", "weeks", "day", "days",
      "hours", "decade", "decades", "century", "morning", "night", "evening", "time", "those",
      "now", "and", "or", "to", "a", "half", "few", "more", "ago", "later", "before", "after",
      "October", "2014", "17", "1990s", "Monday", "summer", "winter", "spring", "autumn",
      "fall", "future", "near", "weekend", "ninety", "end", "as", "two", "times", "o'clock",
      "following", "previous", "Eve", "Day", "Year", "quarter", "third", "latest", "current", "half", "period", "'", "fiscal", "term", "war", "people", "times", "in", "during", "last", "next", ".", "pm",
      "GMT", "80s", "nineties", "-", "century", "first", "afternoon", "58", "2010", "season", "12", "same"};
  const std::vector<std::string> thirds = {"", "ago", "of 2012", "October 2014", "later", "-long",
                                           "28", "Saturday", "century", "- first century",
                                           "quarter", "- quarter", "half of 1989", "' s third quarter", "year"};
  std::string synth;
  for (const auto& a : starts) {
    for (const auto& b : nexts) {
      for (const auto& c : thirds) synth += "In " + a + " " + b + " " + c + " it ended. ";
    }
    synth += "\n\n";
  }
  texts.push_back(synth);

  auto tag = [](const std::string& text, const CivilDate* anchor, bool gated) {
    auto toks = Tokenize(text);
    CodePointIndex cps(text);
    std::string storage;
    const KeyViews keys = TokenKeyViews(text, toks, &storage);
    ::google::protobuf::RepeatedPtrField<::tidings::v1::DateMention> out;
    if (gated) {
      TagDates(text, toks, keys, cps, anchor, true, &out);
    } else {
      TagDatesUngatedForTest(text, toks, keys, cps, anchor, true, &out);
    }
    std::string r;
    for (const auto& m : out) r += m.ShortDebugString() + "\n";
    return r;
  };
  const CivilDate anchor{2016, 10, 20};
  for (const auto& t : texts) {
    for (const CivilDate* a : {&anchor, static_cast<const CivilDate*>(nullptr)}) {
      const std::string gated = tag(t, a, true), ungated = tag(t, a, false);
      // The first line that differs (gtest's diff of two long strings would
      // need memory quadratic in their lines).
      std::istringstream g(gated), u(ungated);
      std::string gl, ul;
      for (int line = 1;; ++line) {
        const bool more_g = static_cast<bool>(std::getline(g, gl));
        const bool more_u = static_cast<bool>(std::getline(u, ul));
        if (!more_g && !more_u) break;
        if (more_g != more_u || gl != ul) {
          ADD_FAILURE() << "line " << line << ": gated [" << (more_g ? gl : "") << "] ungated ["
                        << (more_u ? ul : "") << "] in the text starting: " << t.substr(0, 80);
          break;
        }
      }
      EXPECT_FALSE(gated.empty());
    }
  }
}

TEST(Dates, AScheduleVerbsInfinitiveAndAChangesDay) {
  const char* a = "2026-12-04";  // a Friday
  // A verb of a schedule after a directive's "to" lies ahead of it.
  EXPECT_TRUE(HasAll(TagText("He promised to meet Liske before Jan. 31. The council agreed to meet them before March 31.",
                             a),
                     {{"Jan. 31", "DATE", "2027-01-31"}, {"March 31", "DATE", "2027-03-31"}}));
  // A change's day: "takes effect", "takes office", after a report's verb too.
  EXPECT_TRUE(HasAll(TagText("Beaulieu said the increase, which takes effect on Jan. 1, would add $190. The mayor takes "
                             "office on Jan. 20.",
                             a),
                     {{"Jan. 1", "DATE", "2027-01-01"}, {"Jan. 20", "DATE", "2027-01-20"}}));
  // Not the past's, nor a length of time.
  EXPECT_TRUE(HasAll(TagText("The law took effect on Jan. 1. The trip takes three days.", a),
                     {{"Jan. 1", "DATE", "2026-01-01"}, {"three days", "DURATION", "P3D"}}));
}

TEST(Dates, AReadersAbbreviatedMonthAndClausesOfTheirOwn) {
  const char* a = "2026-11-25";  // a Wednesday
  // A month's abbreviation after a time preposition, in lower case too; not
  // a declared innings.
  EXPECT_TRUE(HasAll(TagText("my fixed rate with westpac rolls over in feb and i was dreading it. Results came in Aug and fell.",
                             a),
                     {{"feb", "DATE", "2027-02"}, {"Aug", "DATE", "2026-08"}}));
  for (const auto& d : TagText("Pakistan 265-7 dec (Usman Khawaja 102).", a)) EXPECT_NE(d.text, "dec") << d.text;
  // "see yall" before a weekday: the coming one.
  EXPECT_TRUE(HasAll(TagText("kotchea was right on the roof vote. see yall monday at city hall", a),
                     {{"monday", "DATE", "2026-11-30"}}));
}

TEST(Dates, TheReviewsNearMissesOfTheFortyFirstSession) {
  const char* a = "2026-11-25";  // a Wednesday
  // Abbreviations that are given names too, and a place's first word.
  for (const auto& d : TagText("Ever since Jan joined the board, profits have risen. Written by Jan, the report was "
                               "published. I got a message from jun about the party. In Mar del Plata, the protest "
                               "grew. The team from Jun's village won.",
                               a))
    EXPECT_TRUE(d.text != "Jan" && d.text != "jun" && d.text != "Mar" && d.text != "Jun") << d.text;
  EXPECT_TRUE(HasAll(TagText("Prices will rise from Jan, the regulator said. He said in Jan that he would resign.", a),
                     {{"Jan", "DATE", "2027-01"}, {"Jan", "DATE", "2026-01"}}));
  // A future's own clause after "and" keeps the look ahead; "takes over" is no schedule.
  EXPECT_TRUE(HasAll(TagText("Flying home on Sunday and I will see everyone. Arsenal takes over top spot after "
                             "Saturday's win at Everton.",
                             a),
                     {{"Sunday", "DATE", "2026-11-29"}, {"Saturday", "DATE", "2026-11-21"}}));
}

TEST(Dates, TheStorysYearNamedAndNamesThatAreNoDates) {
  const char* a = "2026-11-25";  // a Wednesday
  // "this year" gives a bare month its year; not a day's in another clause.
  EXPECT_TRUE(HasAll(TagText("The strike is the third doctors' strike this year, after walkouts in March and July. "
                             "Analysts expect one more cut in the first half of next year, most likely after the "
                             "Federal Reserve's decision on Dec. 9.",
                             a),
                     {{"March", "DATE", "2026-03"}, {"July", "DATE", "2026-07"}, {"Dec. 9", "DATE", "2026-12-09"}}));
  // A weekday's short form before a name, a month naming an event.
  for (const auto& d : TagText("The Thu Bon River rose. His footage of the January Events of 1991 was shown.", a))
    EXPECT_TRUE(d.text != "Thu" && d.text != "January") << d.text;
}

TEST(Dates, AReadersMarchAChangesDayYearsBySlashAndNowruz) {
  const char* a = "2026-11-25";
  EXPECT_TRUE(HasAll(TagText("hope they strike every week till march if thats what it takes", a),
                     {{"march", "DATE", "2027-03"}}));
  for (const auto& d : TagText("in march on the capital they went", a)) EXPECT_NE(d.text, "march") << d.text;
  EXPECT_TRUE(HasAll(TagText("The rules, approved by the cabinet on Monday, take effect on January 1. It will present "
                             "a 2027/28 budget. Maybe she will come for Navruz.",
                             a),
                     {{"January 1", "DATE", "2027-01-01"},
                      {"2027/28", "DATE", "2027"},
                      {"Navruz", "DATE", "2027-03-21"}}));
}

TEST(Dates, AppositionsNounsPlansCompoundsAndASeasonsYear) {
  // "last year" in an apposition gives no month its year.
  EXPECT_TRUE(HasAll(TagText("Jeonbuk, champions last year, led the table for most of October but took only five "
                             "points. The council will apply for planning permission in spring next year.",
                             "2026-11-30"),
                     {{"October", "DATE", "2026-10"}, {"spring next year", "DATE", "2027-SP"}}));
  // A noun's "plan to" is no future; a compound's part is no verb and
  // counts as one word with its first.
  EXPECT_TRUE(HasAll(TagText("Oman loaded its first commercial cargo of green ammonia at the port of Duqm on Sunday, "
                             "a milestone for the sultanate's plan to turn desert wind and sunshine into an export "
                             "industry that officials hope will outlast its oil.",
                             "2026-11-23"),
                     {{"Sunday", "DATE", "2026-11-22"}}));
  EXPECT_TRUE(HasAll(TagText("Daegu FC are relegated automatically, while Suwon FC and FC Anyang face K League 2 "
                             "opposition in two-legged promotion-relegation play-offs on Thursday and Sunday.",
                             "2026-11-30"),
                     {{"Thursday", "DATE", "2026-12-03"}, {"Sunday", "DATE", "2026-12-06"}}));
  // A rate's adjective is no recurrence.
  for (const auto& d : TagText("INDEC said monthly inflation slowed to 1.9 per cent.", "2026-11-24"))
    EXPECT_NE(d.text, "monthly") << d.text;
}

TEST(Dates, AReadersMinutesWontAlmostAndBareUnitsBeforeOf) {
  const char* a = "2026-11-27";
  EXPECT_TRUE(HasAll(TagText("the bus is a joke, 45 min to the centre. his bill wont dig a single well by summer. "
                             "october bonus still hasnt come n its almost december",
                             a),
                     {{"45 min", "DURATION", "PT45M"}, {"summer", "DATE", "2027-SU"}, {"december", "DATE", "2026-12"}}));
  // A bare unit before "of" after "by", "as" or a result's "of"; not "in
  // days of old", nor a determiner's years.
  EXPECT_TRUE(HasAll(TagText("Floods triggered by days of torrential rain killed 27. He described it as years of "
                             "neglect. It is the result of decades of protection.",
                             a),
                     {{"days", "DURATION", "PXD"}, {"years", "DURATION", "PXY"}, {"decades", "DURATION", "PXDE"}}));
  for (const auto& d : TagText("He won in days of old. The years of the Rudd government were hard.", a))
    EXPECT_TRUE(d.text != "days" && d.text != "years") << d.text;
}

TEST(Dates, TheReviewsCasesOfTheFortySecondSession) {
  const char* a = "2026-06-15";
  // A verb's "fall", a length of "the last year", the SEC.
  for (const auto& d : TagText("Inflation is expected to fall next year. All 16 SEC schools agreed.", a))
    EXPECT_TRUE(d.text != "fall next year" && d.type != "DURATION") << d.text;
  EXPECT_TRUE(HasAll(TagText("Prices have risen sharply over the last year, peaking in March. It will be phased in "
                             "over the next year, with the first wave in September.",
                             a),
                     {{"March", "DATE", "2026-03"}, {"September", "DATE", "2026-09"}}));
}

TEST(Dates, AnAdjectivesLengthAfterEachOrOne) {
  const char* a = "2026-11-25";
  EXPECT_TRUE(HasAll(TagText("In each 48-hour marathon stage riders sleep in a camp. A one-hour visit costs $1,500. "
                             "The term has a one-week half-term break.",
                             a),
                     {{"48-hour", "DURATION", "PT48H"}, {"one-hour", "DURATION", "PT1H"}, {"one-week", "DURATION", "P1W"}}));
  // Not a set phrase of days or years, nor a recurrence's "every 48 hours".
  for (const auto& d : TagText("The teams play three one-day internationals. The bank kept its one-year loan prime rate.", a))
    EXPECT_TRUE(d.text != "one-day" && d.text != "one-year") << d.text;
  EXPECT_TRUE(HasAll(TagText("The ferry runs every 48 hours.", a), {{"every 48 hours", "SET", "PT48H"}}));
}

TEST(Dates, SetsOfFewUnitsPairsOfNightsAndNoAutumnFalls) {
  const char* a = "2026-12-04";
  EXPECT_TRUE(HasAll(TagText("Every few months a different group shuts a valve. Every couple of weeks they meet.", a),
                     {{"Every few months", "SET", "PXM"}, {"Every couple of weeks", "SET", "PXW"}}));
  // The first of a pair of weekdays whose part is plural recurs as the second does.
  EXPECT_TRUE(HasAll(TagText("The bus will run on Friday and Saturday nights.", a),
                     {{"Friday", "SET", "XXXX-WXX-5TNI"}, {"Saturday nights", "SET", "XXXX-WXX-6TNI"}}));
  // "the fall of" a name and "the fall in" a measure are no autumn; "the fall of 2008" is.
  for (const auto& d : TagText("Output has been disrupted since the fall of Muammar Gaddafi. After the fall in prices "
                               "it rose.",
                               a))
    EXPECT_NE(d.text, "the fall");
  EXPECT_TRUE(HasAll(TagText("In the fall of 2008 it fell.", a), {{"the fall of 2008", "DATE", "2008-FA"}}));
  // A paper's kind before its name is no recurrence.
  for (const auto& d : TagText("Flemish daily De Standaard reported it. The German weekly Die Zeit said so.", a))
    EXPECT_TRUE(d.text != "daily" && d.text != "weekly") << d.text;
  EXPECT_TRUE(HasAll(TagText("They meet weekly.", a), {{"weekly", "SET", "P1W"}}));
}

TEST(Dates, OvernightDeadlineWeekendsRangesGluedUnitsAndMillennia) {
  const char* a = "2026-12-04";  // a Friday
  EXPECT_TRUE(HasAll(TagText("The storm spread east toward Memphis overnight Friday.", a),
                     {{"overnight Friday", "TIME", "2026-12-04TNI"}}));
  // "by the weekend": the coming one.
  EXPECT_TRUE(HasAll(TagText("It said it had flown antibodies on Wednesday and would deploy a laboratory by the "
                             "weekend.",
                             a),
                     {{"the weekend", "DATE", "2026-W49-WE"}}));
  EXPECT_TRUE(HasAll(TagText("Dockworkers received sentences of between four and six years.", a),
                     {{"four", "DURATION", "P4Y"}, {"six years", "DURATION", "P6Y"}}));
  EXPECT_TRUE(HasAll(TagText("Restoration could take up to a week.", a), {{"a week", "DURATION", "P1W"}}));
  EXPECT_TRUE(HasAll(TagText("stuck 8hrs in traffic and 30mins at the gate, 2yrs ago. a genny 6hrs a day", a),
                     {{"8hrs", "DURATION", "PT8H"},
                      {"30mins", "DURATION", "PT30M"},
                      {"2yrs ago", "DATE", "2024"},
                      {"6hrs a day", "SET", "P1D"}}));
  EXPECT_TRUE(HasAll(TagText("It had remained closed for three millennia.", a),
                     {{"three millennia", "DURATION", "P3000Y"}}));
  // A measure of a thing at a rate.
  EXPECT_TRUE(HasAll(TagText("It carries about 5 million tonnes of cargo a year.", a), {{"a year", "SET", "P1Y"}}));
}

TEST(Dates, TheReviewsCasesOfTheFortyThirdSession) {
  const char* a = "2026-11-25";
  // The season after a time's preposition or before "each year".
  EXPECT_TRUE(HasAll(TagText("The trees are at their best in the fall in Vermont.", a),
                     {{"the fall", "DATE", "2026-FA"}}));
  EXPECT_TRUE(HasAll(TagText("Nepal depends on tourism in the fall of each year.", a), {{"the fall", "DATE", "2026-FA"}}));
  // A past clause's pair of nights is no recurrence.
  EXPECT_TRUE(HasAll(TagText("Crowds gathered in the square on Friday and Saturday nights to protest the vote.", a),
                     {{"Friday", "DATE", "2026-11-20"}}));
  // "daily" before a place is a schedule's.
  EXPECT_TRUE(HasAll(TagText("Rwandair flies daily Kigali to Brussels.", a), {{"daily", "SET", "P1D"}}));
  // Ranges of an age, a distance back or a rate are no two durations.
  for (const auto& d : TagText("Children between 10 and 14 years of age will be vaccinated. Staff work between eight "
                               "and ten hours a day. Between four and six years ago, the lake shrank.",
                               a))
    EXPECT_TRUE(d.text != "10" && d.text != "eight" && d.text != "four") << d.text;
  // A clock's or a name's "h".
  for (const auto& d : TagText("Kick-off is at 20h tonight. I live in Flat 4h. Toyota won the Le Mans 24h again.", a))
    EXPECT_TRUE(d.text != "20h" && d.text != "4h" && d.text != "24h") << d.text;
}

TEST(Dates, NamesThatHoldANowAWeekdaysShortFormOrALength) {
  const char* a = "2026-12-02";
  for (const auto& d : TagText("Spajić's Europe Now Movement governs. The strain since the Twelve-Day War with Israel "
                               "grew. Performers from Mon district danced.",
                               a))
    EXPECT_TRUE(d.text != "Now" && d.text != "Twelve-Day" && d.text != "Mon") << d.text;
  EXPECT_TRUE(HasAll(TagText("Now the party rules. He flew Mon Nov 23. A three-day visit ended.", a),
                     {{"Now", "DATE", "PRESENT_REF"}, {"three-day", "DURATION", "P3D"}}));
}

}  // namespace
}  // namespace tidings::enrich
