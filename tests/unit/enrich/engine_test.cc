// Engine-level tests: entities through the whole engine, robustness, threads,
// the operator knowledge-base file, and the golden cases in tests/data/enrich.
#include "enrich/engine.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>
#include <tuple>

#include "enrich/text.h"
#include "tests/unit/enrich/default_engine.h"

namespace tidings::enrich {
namespace {

EngineOptions KbOpts(const std::string& path) {
  EngineOptions o;
  o.kb_extra_path = path;
  return o;
}

const Engine& TheEngine() { return testing::DefaultEngine(); }

v1::EnrichedDocument EnrichText(const std::string& text, const std::string& published = "2016-10-20T00:00:00Z") {
  v1::Document d;
  d.set_id("t");
  d.set_kind("article");
  d.set_published_at(published);
  d.set_text(text);
  auto r = TheEngine().Enrich(d);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : v1::EnrichedDocument();
}

using Named = std::vector<std::pair<std::string, v1::EntityType>>;

// The entities of `text` (through the default engine) as (text, type), in order.
Named NamesIn(const std::string& text) {
  const v1::EnrichedDocument d = EnrichText(text);
  Named got;
  for (const auto& e : d.entities()) got.emplace_back(e.text(), e.type());
  return got;
}

// True when `got` has each of `want`.
::testing::AssertionResult HasAll(const Named& got, const Named& want) {
  for (const auto& w : want)
    if (std::find(got.begin(), got.end(), w) == got.end()) return ::testing::AssertionFailure() << "no " << w.first;
  return ::testing::AssertionSuccess();
}

const v1::EntityMention* FindEntity(const v1::EnrichedDocument& d, const std::string& text) {
  for (const auto& m : d.entities()) {
    if (m.text() == text) return &m;
  }
  return nullptr;
}

void CheckOffsets(const v1::EnrichedDocument& d) {
  const std::string& text = d.document().text();
  CodePointIndex cps(text);
  for (const auto& m : d.entities()) {
    size_t b = cps.ToByte(m.begin()), e = cps.ToByte(m.end());
    EXPECT_EQ(text.substr(b, e - b), m.text());
  }
  for (const auto& m : d.dates()) {
    size_t b = cps.ToByte(m.begin()), e = cps.ToByte(m.end());
    EXPECT_EQ(text.substr(b, e - b), m.text());
  }
}

TEST(Entities, KnowledgeBaseAliasesAndCase) {
  auto d = EnrichText("Bashar al-Assad’s forces and IS fighters met US-backed rebels. It is what it is. "
                      "Later Assad and Daesh were blamed by the West.");
  CheckOffsets(d);
  auto* a = FindEntity(d, "Bashar al-Assad");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->type(), v1::PERSON);
  EXPECT_EQ(a->name(), "Bashar al-Assad");
  auto* is = FindEntity(d, "IS");
  ASSERT_NE(is, nullptr);
  EXPECT_EQ(is->name(), "Islamic State");
  EXPECT_EQ(FindEntity(d, "is"), nullptr);
  auto* us = FindEntity(d, "US");
  ASSERT_NE(us, nullptr);
  EXPECT_EQ(us->type(), v1::LOC);
  auto* daesh = FindEntity(d, "Daesh");
  ASSERT_NE(daesh, nullptr);
  EXPECT_EQ(daesh->name(), "Islamic State");
  auto* west = FindEntity(d, "West");
  ASSERT_NE(west, nullptr);
  EXPECT_EQ(west->name(), "Western world");
}

// The rules alone (ner_model "none"): how they type names the knowledge base
// does not know. With the learned model these are features (see
// names_test.cc for the model's own cases).
TEST(Entities, UnknownNamesAndResolution) {
  EngineOptions o;
  o.ner_model = "none";
  auto rules = Engine::Create(o);
  ASSERT_TRUE(rules.ok());
  v1::Document doc;
  doc.set_id("t");
  doc.set_kind("article");
  doc.set_text("The journalist Bilal Abdul Kareem reported from the city. Later Abdul Kareem said "
               "that Mr Smithers had gone. Smithers denied it.");
  auto r = (*rules)->Enrich(doc);
  ASSERT_TRUE(r.ok());
  const v1::EnrichedDocument& d = *r;
  CheckOffsets(d);
  auto* full = FindEntity(d, "Bilal Abdul Kareem");
  ASSERT_NE(full, nullptr);
  EXPECT_EQ(full->type(), v1::PERSON);
  auto* part = FindEntity(d, "Abdul Kareem");
  ASSERT_NE(part, nullptr);
  EXPECT_EQ(part->name(), "Bilal Abdul Kareem");
  EXPECT_EQ(part->id(), full->id());
  auto* mr = FindEntity(d, "Smithers");
  ASSERT_NE(mr, nullptr);
  EXPECT_EQ(mr->type(), v1::PERSON);
  EXPECT_EQ(FindEntity(d, "Mr Smithers"), nullptr) << "titles stay outside the span";
}

TEST(Entities, OrganisationAndPlaceCues) {
  auto d = EnrichText("Members of the Damascus Workers Committee met on Baron Road near the Zahraa Hospital.");
  auto* org = FindEntity(d, "Damascus Workers Committee");
  ASSERT_NE(org, nullptr);
  EXPECT_EQ(org->type(), v1::ORG);
  auto* road = FindEntity(d, "Baron Road");
  ASSERT_NE(road, nullptr);
  EXPECT_EQ(road->type(), v1::LOC);
}

// News names the shipped model and its span rules get right: titles stay
// outside a person's name, a nationality before a company's trade is part
// of it, at a sentence's start too.
// A department's word before "Minister" or "Secretary", and a judge's
// title, are the title's, not an organisation; a party's name is one.
TEST(Engine, PortfoliosAndJudgesTitlesAreNoOrganisations) {
  EXPECT_EQ(NamesIn("Power goes to Justice Minister Adam Bodnar and Cabinet Secretary Wanjiru Kamau. "
                    "Mr Justice Chamberlain and Chief Justice John Roberts ruled. Labour MP Diane Abbott "
                    "spoke. The Justice Department agreed."),
            (Named{{"Adam Bodnar", v1::PERSON},
                   {"Wanjiru Kamau", v1::PERSON},
                   {"Chamberlain", v1::PERSON},
                   {"John Roberts", v1::PERSON},
                   {"Labour", v1::ORG},
                   {"Diane Abbott", v1::PERSON},
                   {"Justice Department", v1::ORG}}));
}

// A name right after a noun saying what kind of company it is is a
// company; roles, fixed phrases, relative clauses and headlines are not
// (a review's regressions of the first version).
TEST(Engine, ACountryInAListIsAPlace) {
  const Named got = NamesIn("Malaysia and Singapore have offered help. Trinidad and Tobago beat Jamaica.");
  EXPECT_TRUE(HasAll(got, {{"Malaysia", v1::LOC}, {"Singapore", v1::LOC}, {"Trinidad and Tobago", v1::LOC}}));
  for (const auto& [text, type] : got) EXPECT_NE(type, v1::ORG) << text;
}

TEST(Engine, ADirectionBeforeAPlaceIsNoPeople) {
  const Named got = NamesIn(
      "Gusts hit western Norway on Monday. The western media ignored it. Moscow dismissed western Ukraine "
      "backers as warmongers.");
  EXPECT_TRUE(HasAll(got, {{"Norway", v1::LOC}, {"western", v1::NORP}, {"Ukraine", v1::LOC}}));
  size_t westerns = 0;
  for (const auto& [text, type] : got) westerns += text == "western";
  EXPECT_EQ(westerns, 2u);  // the West's media and backers, not the west of Norway
}

TEST(Engine, ADatelineOfAPlaceTheKnowledgeBaseLacksEndsWithItsDate) {
  const Named got = NamesIn("MUSCAT, Dec 9 - The fund said on Wednesday it would build a plant.");
  EXPECT_TRUE(HasAll(got, {{"MUSCAT", v1::LOC}}));
  // The story begins after the date's dash: its first words are no context.
  EXPECT_TRUE(HasAll(NamesIn("HARARE, Dec 6 - Tinashe Mhlanga scored his maiden century on Sunday."),
                     {{"HARARE", v1::LOC}, {"Tinashe Mhlanga", v1::PERSON}}));
  for (const auto& [text, type] : NamesIn("NOTICE, Monday 9 - nothing happened.")) EXPECT_NE(text, "NOTICE");
  for (const auto& [text, type] : NamesIn("UPDATE, Dec 9 - Shares fell. FACTBOX, May 2 - Key facts."))
    EXPECT_NE(type, v1::LOC) << text;  // a wire's labels
}

TEST(Engine, AHyphenatedSurnameIsOneNameAloneToo) {
  const Named got = NamesIn(
      "Commissioner Darla McKinney-Shaw, a Republican, said response times had risen. McKinney-Shaw said the "
      "plan was dead. Opposition leader Fatima el-Amrani said the decision would hurt. El-Amrani said her party "
      "would appeal.");
  EXPECT_TRUE(HasAll(got, {{"Darla McKinney-Shaw", v1::PERSON},
                           {"McKinney-Shaw", v1::PERSON},
                           {"Fatima el-Amrani", v1::PERSON},
                           {"El-Amrani", v1::PERSON}}));
  for (const auto& [text, type] : got) {
    EXPECT_NE(text, "Shaw");  // no second mention inside the first
    EXPECT_NE(text, "McKinney");
    EXPECT_NE(text, "Amrani");
  }
}

TEST(Engine, ALanguageIsNoPeople) {
  const Named got = NamesIn(
      "She gave a reading in Catalan and Spanish. He spoke at a briefing held in Kazakh and Russian, said an aide. "
      "He speaks French fluently. She thanked her crew in Persian and dedicated the award to them. Reports "
      "originating in Russian state media spread. Tensions in Persian and Arab communities rose.");
  EXPECT_TRUE(HasAll(got, {{"Russian", v1::NORP}, {"Persian", v1::NORP}, {"Arab", v1::NORP}}));
  for (const auto& [text, type] : got) {
    EXPECT_NE(text, "Catalan");
    EXPECT_NE(text, "Spanish");
    EXPECT_NE(text, "Kazakh");
    EXPECT_NE(text, "French");
  }
  size_t russians = 0, persians = 0;
  for (const auto& [text, type] : got) russians += text == "Russian", persians += text == "Persian";
  EXPECT_EQ(russians, 1u);  // the state media's, not the briefing's language
  EXPECT_EQ(persians, 1u);  // the communities', not the speech's
  // A list of languages before "in" and a place: the film's languages, and
  // the village's people.
  const Named film = NamesIn("The film, shot in Persian and Kurdish in a Kurdish village in western Iran, premiered.");
  EXPECT_TRUE(HasAll(film, {{"Kurdish", v1::NORP}, {"Iran", v1::LOC}}));
  size_t kurdish = 0;
  for (const auto& [text, type] : film) {
    EXPECT_NE(text, "Persian");
    kurdish += text == "Kurdish";
  }
  EXPECT_EQ(kurdish, 1u);
  // Plurals and faiths name people: no language there.
  EXPECT_TRUE(HasAll(NamesIn("Germany took in Syrians and Afghans. The council was split into Sunni and Shia."),
                     {{"Syrians", v1::NORP}, {"Afghans", v1::NORP}, {"Sunni", v1::NORP}, {"Shia", v1::NORP}}));
}

TEST(Engine, ALanguageIsNoNameWhateverTheModelTypedIt) {
  // Languages the model takes for places, companies or people, and a
  // language before "language".
  const Named got = NamesIn(
      "The software turns doctors' notes into Swahili, Kikuyu and Luo for patients in Kisumu. Staff used "
      "loudspeakers in Marathi and English to direct passengers. The body promotes the Irish language, and "
      "Al Jazeera's Arabic-language channel aired it. Researchers in Accra work on African languages. "
      "The king flew home to Tonga. He was born in Delaware.");
  for (const auto& [text, type] : got) {
    for (const char* tongue : {"Swahili", "Kikuyu", "Luo", "Marathi", "English", "Irish", "Arabic"})
      EXPECT_NE(text, tongue);
  }
  // After "in", places that share a language's name stay places unless a
  // people's word or a word of text or speech says the list is of languages.
  EXPECT_TRUE(HasAll(NamesIn("Floods in Pampanga and Pangasinan forced evacuations. A rally in Cheyenne on Saturday."),
                     {{"Pampanga", v1::LOC}, {"Pangasinan", v1::LOC}, {"Cheyenne", v1::LOC}}));
  for (const auto& [text, type] : NamesIn("The office printed leaflets in Swahili, Kikuyu and Luo for patients."))
    EXPECT_TRUE(text != "Swahili" && text != "Kikuyu" && text != "Luo") << text;
  // A place that shares its name with a language stays a place; a people
  // before "languages" is no language's name.
  EXPECT_TRUE(HasAll(got, {{"Kisumu", v1::LOC}, {"Accra", v1::LOC}, {"African", v1::NORP}, {"Tonga", v1::LOC},
                           {"Delaware", v1::LOC}}));
}

TEST(Engine, ALanguageUsedIsNoNameAndAPeopleThatSharesItsNameIsAPeople) {
  // A language's name after a verb of using it, before a noun of its use,
  // and after a word of text or speech before a verb.
  const Named got = NamesIn(
      "A novel written in Igbo won the prize. She shouts in Twi, in French, in English. My grandmother could not "
      "read English. An English translation is planned. The federation, known by its Spanish initials, struck. "
      "Arabic grammar is hard.");
  for (const auto& [text, type] : got) {
    for (const char* tongue : {"Igbo", "Twi", "French", "English", "Spanish", "Arabic"}) EXPECT_NE(text, tongue);
  }
  // Lessons and speakers a people has too (a review's cases).
  EXPECT_TRUE(HasAll(NamesIn("Japanese lessons in disaster preparedness were adopted. Two Russian speakers at the "
                             "Valdai forum defended the war."),
                     {{"Japanese", v1::NORP}, {"Russian", v1::NORP}}));
  // A people's name before a word of people, after "ethnic" or before
  // "descent".
  EXPECT_TRUE(HasAll(NamesIn("Quispe Mamani, an Aymara former union leader, spoke. It is the story of an Igbo "
                             "market woman. He is of Yoruba descent. Clashes between ethnic Uzbeks and police."),
                     {{"Aymara", v1::NORP}, {"Igbo", v1::NORP}, {"Yoruba", v1::NORP}, {"Uzbeks", v1::NORP}}));
  // Not a people: a family's name after "the", a poet's language, a place
  // that is a language's name too, a people of the knowledge base before a
  // noun ("Kurdish areas").
  const Named kept = NamesIn(
      "The Yao family said so. INVERNESS - Gaelic poet Morag NicGillìosa won. A Tonga family moved. Leaflets in "
      "Kurdish areas were handed out. A Bantu family of languages stretches from Cameroon to South Africa.");
  for (const auto& [text, type] : kept) EXPECT_NE(text, "Bantu");
  EXPECT_TRUE(HasAll(kept, {{"Tonga", v1::LOC}, {"Kurdish", v1::NORP}}));
  for (const auto& [text, type] : kept) EXPECT_FALSE(text == "Yao" && type == v1::NORP);
  for (const auto& [text, type] : kept) EXPECT_NE(text, "Gaelic");
}

TEST(Engine, ACompanyByItsOfficersItsLegalFormAndItsAcronym) {
  const Named got = NamesIn(
      "The Malaysian palm oil planter Sawit Permata Berhad has agreed to buy a smaller rival for cash. Sawit "
      "Permata's chief executive, Hari Ismail, said so. Brotwerk Kranich's owner, the fund Hollis, will appeal. "
      "Approval is needed from "
      "Chile's National Economic Prosecutor's Office (FNE). The FNE said no. The State Committee for National "
      "Security (GKNB) detained him.");
  EXPECT_TRUE(HasAll(got, {{"Sawit Permata Berhad", v1::ORG},
                           {"Sawit Permata", v1::ORG},
                           {"Hari Ismail", v1::PERSON},
                           {"Brotwerk Kranich", v1::ORG},
                           {"FNE", v1::ORG},
                           {"GKNB", v1::ORG}}));
  // A person's chief of staff, a coach's player, a short name's ticker; a
  // person's board, shareholders and the chief executive of the company
  // named after the role (a review's cases).
  const Named kept = NamesIn(
      "Elon Musk's chief of staff said so. Jannik Sinner's coach spoke. Tesla (TSLA) fell. Sam Altman's board "
      "fired him in 2023. Bezos's chief executive at Amazon, Andy Jassy, spoke. Ambani's shareholders cheered.");
  EXPECT_TRUE(HasAll(kept, {{"Elon Musk", v1::PERSON},
                            {"Jannik Sinner", v1::PERSON},
                            {"Sam Altman", v1::PERSON},
                            {"Bezos", v1::PERSON},
                            {"Andy Jassy", v1::PERSON}}));
  for (const auto& [text, type] : kept) EXPECT_FALSE(text == "Ambani" && type == v1::ORG);
  for (const auto& [text, type] : kept) EXPECT_NE(text, "TSLA");
}

TEST(Engine, TwoDatelinePlacesANationsBodiesAndAnOfficeOfTwoFields) {
  const Named got = NamesIn(
      "ALGIERS/RABAT, Dec 3 - Algeria's state energy firm signed the deal in Algiers. The Scottish Government said "
      "so, and the Scottish Greens and Scottish Labour objected. The Ministry of Electronics and Information "
      "Technology spoke. Leaders met at the Kigali Climate Finance Summit. Overnight, talks stalled. She won the "
      "Sunway Sitges Open. A group of Maasai pastoralists unfurled a banner.");
  // Three places joined by slashes, each a place wherever the story names it
  // again ("Algiers has used energy", "Karim Ouali in Algiers").
  EXPECT_TRUE(HasAll(NamesIn("MAGHREB RIVALS DIG IN\n\nRABAT/ALGIERS/TUNIS, Nov 6 (Reuters) - Morocco marked the "
                             "anniversary. Algiers has used energy to keep partners close.\n\n(Reporting by Samira "
                             "Benkirane in Rabat and Karim Ouali in Algiers)"),
                     {{"RABAT", v1::LOC}, {"ALGIERS", v1::LOC}, {"TUNIS", v1::LOC}, {"Algiers", v1::LOC},
                      {"Rabat", v1::LOC}}));
  EXPECT_TRUE(HasAll(got, {{"ALGIERS", v1::LOC},
                           {"RABAT", v1::LOC},
                           {"Algiers", v1::LOC},
                           {"Scottish Government", v1::ORG},
                           {"Scottish Greens", v1::ORG},
                           {"Scottish Labour", v1::ORG},
                           {"Ministry of Electronics and Information Technology", v1::ORG},
                           {"Kigali Climate Finance Summit", v1::EVENT},
                           {"Sunway Sitges Open", v1::EVENT},
                           {"Maasai", v1::NORP}}));
  // A longer name with a people in it, two offices' names, a university, a
  // town's man and a surname's family.
  const Named kept = NamesIn(
      "The Free Syrian Army fought on. The Ministry of Health and NHS England agreed. The Open University said "
      "so. A Limerick man was fined. He met a Kennedy family friend.");
  EXPECT_TRUE(HasAll(kept, {{"Free Syrian Army", v1::ORG},
                            {"Ministry of Health", v1::ORG},
                            {"NHS England", v1::ORG},
                            {"Open University", v1::ORG}}));
  for (const auto& [text, type] : kept) EXPECT_NE(type, v1::NORP) << text;
}

TEST(Engine, OperatorsBroadcastersAndBandsBeforeTheirNames) {
  EXPECT_TRUE(HasAll(NamesIn("Estonia's grid operator Elering said the cable failed, he told public broadcaster "
                             "ERR. Turkish operator BOTAŞ agreed. Reykjavík five-piece Hrafnaþing toured, and "
                             "Estonian choir Vox Clamantis sang."),
                     {{"Elering", v1::ORG}, {"ERR", v1::ORG}, {"BOTAŞ", v1::ORG}, {"Hrafnaþing", v1::ORG},
                      {"Vox Clamantis", v1::ORG}}));
  // Persons who operate or broadcast.
  EXPECT_TRUE(HasAll(NamesIn("Veteran broadcaster David Dimbleby retired. The camera operator Jane Smith filmed it."),
                     {{"David Dimbleby", v1::PERSON}, {"Jane Smith", v1::PERSON}}));
}

TEST(Engine, FirmsOfPartnersAndLegalFormsWithStops) {
  const Named got = NamesIn(
      "The buyer, Lindqvist & Søn Holding ApS, said it would hold the stake. Kirkland & Ellis advised, and the "
      "gallery Hauser & Wirth sold a painting. The contractor, Constructora Andina Sur S.A.C., denied it. Shares "
      "of Fast Retailing Co., Ltd. rose, while Hoshino Precision K.K. fell. The Bill & Melinda Gates Foundation "
      "gave $1bn.");
  EXPECT_TRUE(HasAll(got, {{"Lindqvist & Søn Holding ApS", v1::ORG},
                           {"Kirkland & Ellis", v1::ORG},
                           {"Hauser & Wirth", v1::ORG},
                           {"Constructora Andina Sur S.A.C.", v1::ORG},
                           {"Fast Retailing Co., Ltd.", v1::ORG},
                           {"Hoshino Precision K.K.", v1::ORG},
                           {"Bill & Melinda Gates Foundation", v1::ORG}}));
  // Persons joined by "&" stay persons: known ones, full names, a social page's.
  const Named people = NamesIn(
      "Thomas Jefferson & George Washington did not believe it. Trinidad & Tobago won the toss.");
  EXPECT_TRUE(HasAll(people, {{"Thomas Jefferson", v1::PERSON}, {"George Washington", v1::PERSON}}));
  for (const auto& [text, type] : people) EXPECT_NE(type, v1::ORG) << text;
  for (const auto& [text, type] : NamesIn("Keep Bill & Hillary out of the White House. #SemST"))
    EXPECT_NE(text, "Bill & Hillary");
}

TEST(Engine, TeamsByTheirPlaceScoresWithoutVerbsAndBasketballScores) {
  const Named got = NamesIn(
      "Lakers edge Celtics 118-115 as Doncic posts triple-double\n\nLOS ANGELES - The Los Angeles Lakers beat the "
      "Boston Celtics 118-115 on Thursday night. Boston erased a 19-point deficit. Fans in Boston were angry.");
  EXPECT_TRUE(HasAll(got, {{"Celtics", v1::ORG},
                           {"LOS ANGELES", v1::LOC},
                           {"Los Angeles Lakers", v1::ORG},
                           {"Boston Celtics", v1::ORG},
                           {"Boston", v1::ORG},
                           {"Boston", v1::LOC}}));
  const Named line = NamesIn(
      "Leinster 24-27 Toulouse: Ntamack boot sinks Irish side\n\nToulouse came from 17-6 down to win in Dublin.");
  EXPECT_TRUE(HasAll(line, {{"Leinster", v1::ORG}, {"Toulouse", v1::ORG}, {"Dublin", v1::LOC}}));
  // Places named with a plural, and no sports page.
  const Named kept = NamesIn(
      "Boeing 737-800 jets flew from Chicago. Ferries to the Falkland Islands won 2-1 in the vote of the Golan "
      "Heights council.");
  for (const auto& [text, type] : kept)
    EXPECT_FALSE(type == v1::ORG && (text == "Chicago" || text.find("Islands") != std::string::npos ||
                                     text.find("Heights") != std::string::npos))
        << text;
}

TEST(Engine, AStormByItsNameTheTaoiseachAndTheWorldHealthOrganization) {
  const Named got = NamesIn(
      "Storm Dervla: 180,000 without power as gusts hit\n\nDUBLIN - Homes were without electricity after Storm "
      "Dervla swept in. Dervla is the fourth named storm of the season. Taoiseach Micheál Martin said aid would "
      "follow.");
  EXPECT_TRUE(HasAll(got, {{"Storm Dervla", v1::EVENT}, {"Dervla", v1::EVENT}, {"Micheál Martin", v1::PERSON}}));
  EXPECT_TRUE(HasAll(NamesIn("World Health Organization Director-General Tedros Adhanom Ghebreyesus said."),
                     {{"World Health Organization", v1::ORG}, {"Tedros Adhanom Ghebreyesus", v1::PERSON}}));
  for (const auto& [text, type] : NamesIn("The Storm Shadow missile was fired. Storm Shadow missiles are made by MBDA."))
    EXPECT_NE(type, v1::EVENT) << text;
}

TEST(Engine, PlacesBeforeBasedAndInAListOfPlaces) {
  const Named got = NamesIn(
      "Kyushu-based chipmaker Hoshino rose. Teachers marched in Paris, Lyon and Marseille on Tuesday.");
  EXPECT_TRUE(HasAll(got, {{"Kyushu", v1::LOC}, {"Lyon", v1::LOC}, {"Marseille", v1::LOC}}));
  for (const auto& [text, type] : NamesIn("Android-based phones sold well. The senators were Bush, Rubio, Paul, Cruz."))
    EXPECT_FALSE((text == "Android" || text == "Paul") && type == v1::LOC) << text;
}

TEST(Engine, SurnamesWithTheirParticlesAndJudgesByTheirTitle) {
  const Named got = NamesIn(
      "Defender Thijs van den Broek signed on Monday. Critics of van den Broek stayed quiet. \"We will appeal,\" "
      "said de la Rosa. The ruling was written by Justice Adaeze Okonkwo of the Federal High Court.");
  EXPECT_TRUE(HasAll(got, {{"Thijs van den Broek", v1::PERSON},
                           {"van den Broek", v1::PERSON},
                           {"de la Rosa", v1::PERSON},
                           {"Adaeze Okonkwo", v1::PERSON}}));
  // "ten" is a number, not a particle; "Justice" before an organisation's
  // word or a law's stays theirs.
  for (const auto& [text, type] :
       NamesIn("Arsenal ten Premier League titles ago. The Justice Department and the Criminal Justice Act.")) {
    EXPECT_FALSE(text.find(" ten ") != std::string::npos) << text;
    EXPECT_FALSE(text == "Department" || text == "Act") << text;
  }
}

TEST(Engine, BodiesByTheirKindAndCompaniesInAListOfTheirKind) {
  const Named got = NamesIn(
      "Brokers cited shipping consultancy Varnell. Industry body Kestrava said it agreed. The tax falls on "
      "platforms such as Quickmart, Delivoo and Uber. Contracts went to operators including Harbour Line and "
      "Greyfield Coaches.");
  EXPECT_TRUE(HasAll(got, {{"Varnell", v1::ORG},
                           {"Kestrava", v1::ORG},
                           {"Quickmart", v1::ORG},
                           {"Delivoo", v1::ORG},
                           {"Greyfield Coaches", v1::ORG}}));
}

TEST(Engine, EventsByTheirHeadsAndThePlaceBeforeThem) {
  const Named got = NamesIn(
      "She skated at a disappointing Winter Olympics in February. The band won at the Golden Lyre Music Awards. "
      "Norway won the European Curling Championships. The Tallinn Film Festival opens on Friday.");
  EXPECT_TRUE(HasAll(got, {{"Winter Olympics", v1::EVENT},
                           {"Golden Lyre Music Awards", v1::EVENT},
                           {"European Curling Championships", v1::EVENT},
                           {"Tallinn Film Festival", v1::EVENT}}));
  // A championship that is a league.
  for (const auto& [text, type] : NamesIn("Leeds were promoted from the Scottish Championship."))
    EXPECT_FALSE(text.ends_with("Championship") && type == v1::EVENT) << text;
}

TEST(Engine, AStateInTheWiresAbbreviationAndWhatIsBasedThere) {
  const Named got = NamesIn(
      "ALTOONA, Pa. — Mourners filled every Mass this weekend. A senior broker at Accra-based Sika Grain "
      "Traders said prices fell.");
  EXPECT_TRUE(HasAll(got, {{"ALTOONA", v1::LOC}, {"Pa.", v1::LOC}, {"Sika Grain Traders", v1::ORG}}));
  for (const auto& [text, type] : got) EXPECT_NE(text, "Mass");
  // A people after "-based", a role in two letters, a name that goes on.
  const Named kept = NamesIn(
      "A Paris-based Lebanese artist spoke. The Leeds-based DJ and producer played. The London-based "
      "International Institute for Strategic Studies said so.");
  EXPECT_TRUE(HasAll(kept, {{"Lebanese", v1::NORP}, {"International Institute for Strategic Studies", v1::ORG}}));
  for (const auto& [text, type] : kept) EXPECT_NE(text, "DJ");
}

TEST(Engine, JournalsWhereAStudyIsPublishedAndCountriesInResults) {
  const Named got = NamesIn(
      "The trial was published in The Lancet on Thursday. A study published in Nature Geoscience found it. "
      "The Arabic original was published in Cairo.");
  EXPECT_TRUE(HasAll(got, {{"Lancet", v1::ORG}, {"Nature Geoscience", v1::ORG}, {"Cairo", v1::LOC}}));
  const Named results = NamesIn(
      "Results, Group B:\nSkjern Handbold (DEN) 29 Montpellier (FRA) 27\nWomen's final: K. Aalto (FIN) bt "
      "M. Ruiz (ARG) 6-4 6-2.");
  EXPECT_TRUE(HasAll(results, {{"DEN", v1::LOC}, {"FRA", v1::LOC}, {"FIN", v1::LOC}, {"ARG", v1::LOC}}));
  for (const auto& [text, type] : results) EXPECT_NE(text, "Group B");
}

TEST(Engine, CompassWordsOfGeographyAndASentencesThe) {
  for (const auto& [text, type] : NamesIn("Rain hit four western counties. The strongest gust was recorded on "
                                          "the western edge of the town."))
    EXPECT_FALSE(text == "western" || text == "The strongest") << text;
  EXPECT_TRUE(HasAll(NamesIn("The western media ignored it."), {{"western", v1::NORP}}));
}

TEST(Engine, DisastersContinentalCompetitionsAndCompaniesListedWithACompany) {
  const Named got = NamesIn(
      "Divers recalled the Piper Alpha disaster. Porto meet Lyon in the Europa League. Orders from Apple, "
      "Nvidia and Quorbit lifted sales. The chips went to Microsoft and Zentrova.");
  EXPECT_TRUE(HasAll(got, {{"Piper Alpha disaster", v1::EVENT},
                           {"Europa League", v1::EVENT},
                           {"Quorbit", v1::ORG},
                           {"Zentrova", v1::ORG}}));
  // A country's league, a town and its state, a name that goes on, a
  // company's own disaster.
  const Named kept = NamesIn(
      "Arsenal lead the Premier League. Protests in Ferguson, MO grew. Apple and Toronto-based Xanadu signed. "
      "The Boeing disaster hit shares.");
  for (const auto& [text, type] : kept) {
    EXPECT_FALSE(text == "Premier League" && type == v1::EVENT) << text;
    EXPECT_FALSE((text == "MO" || text == "Toronto") && type == v1::ORG) << text;
    EXPECT_FALSE(text.ends_with("disaster")) << text;
  }
}

TEST(Engine, CompaniesByTheirTradeAndByTheirFirstWordAfterIt) {
  const Named got = NamesIn(
      "Corvalis AI has raised $40 million. Investors took a seat on Corvalis's board. Rivals Brenna Energy and "
      "Tavor Minerals cut prices. The round was led by Kestrel Capital.");
  EXPECT_TRUE(HasAll(got, {{"Corvalis AI", v1::ORG},
                           {"Corvalis", v1::ORG},
                           {"Brenna Energy", v1::ORG},
                           {"Tavor Minerals", v1::ORG},
                           {"Kestrel Capital", v1::ORG}}));
  // A body its apposition names ("the country's biggest business lobby"),
  // with "for" in its name.
  const Named bodies = NamesIn(
      "Rokkaren, the country's biggest business lobby, said talks stalled. The Alliance for Cleaner Rivers, a "
      "national charity, welcomed it.");
  EXPECT_TRUE(HasAll(bodies, {{"Rokkaren", v1::ORG}, {"Alliance for Cleaner Rivers", v1::ORG}}));
  // A price that moves by a percentage is a company's; a place's is its
  // market's.
  const Named moves = NamesIn("Marvanta rose 4% in Oslo. Marvanta has filed for approval. Japan rose 0.3%.");
  EXPECT_TRUE(HasAll(moves, {{"Marvanta", v1::ORG}, {"Japan", v1::LOC}}));
  // A people's or a known place's trade, a sentence's first word, a longer
  // name.
  for (const auto& [text, type] :
       NamesIn("Chinese AI firms rose. US AI policy changed. Generative AI is everywhere. Capital One fell."))
    EXPECT_FALSE(text == "Chinese AI" || text == "US AI" || text == "Generative AI") << text;
}

// A review's cases: a list's items before its company across commas, a
// continent's championship after its people; tickers and a vote's
// parties in brackets are no countries, a role's body no company.
TEST(Engine, ListsAcrossCommasAndCodesThatAreNoCountries) {
  const Named got = NamesIn(
      "Orders from Quorbit, Zentrova and Apple lifted sales. Scotland won the European Championship.");
  EXPECT_TRUE(HasAll(got, {{"Quorbit", v1::ORG}, {"Zentrova", v1::ORG}, {"European Championship", v1::EVENT}}));
  const Named kept = NamesIn(
      "Chip stocks rose: Arm Holdings (ARM), Honeywell (HON), Marriott (MAR). Ward 4: Smith (IND) 4,512, "
      "Jones (GRN) 3,210. Kowalski, the leader of the opposition party, said no. Kowalski left.");
  for (const auto& [text, type] : kept) {
    EXPECT_FALSE(type == v1::LOC && (text == "ARM" || text == "HON" || text == "MAR" || text == "IND")) << text;
    EXPECT_FALSE(text == "Kowalski" && type == v1::ORG) << text;
  }
}

TEST(Engine, AFirmsStaffTradeAfterItsName) {
  const Named got = NamesIn("It was founded by a chemist and former Voltrek engineer Jonas Wierzbicki. Voltrek's "
                            "collapse hurt.");
  EXPECT_TRUE(HasAll(got, {{"Voltrek", v1::ORG}, {"Jonas Wierzbicki", v1::PERSON}}));
}

TEST(Engine, AnOperationAndACopaAreEvents) {
  const Named got = NamesIn(
      "Troops under Operation Northern Shield crossed at dawn. Flamengo won the Copa Libertadores. Betis lifted "
      "the Copa del Rey.");
  EXPECT_TRUE(HasAll(got, {{"Operation Northern Shield", v1::EVENT},
                           {"Copa Libertadores", v1::EVENT},
                           {"Copa del Rey", v1::EVENT}}));
  for (const auto& [text, type] : NamesIn("Copa Airlines added flights. The operation began at dawn."))
    EXPECT_FALSE(type == v1::EVENT) << text;
}

TEST(Engine, AHeadlinesVerbEndsTheNameBeforeIt) {
  const Named got = NamesIn(
      "Kenya Secures Grain Deal as Congress Backs Budget\n\nNAIROBI, Dec 6 - Talks went on.\n\nSupreme Court Rules "
      "Poland Must Pay\n\nThe ruling came late.");
  EXPECT_TRUE(HasAll(got, {{"Kenya", v1::LOC}, {"Congress", v1::ORG}, {"Supreme Court", v1::ORG}, {"Poland", v1::LOC}}));
  // Not in a sentence, nor a name's own word after a place that is no name alone.
  for (const auto& [text, type] : NamesIn("She visited Victoria Falls in June. The House Rules Committee met.")) {
    EXPECT_NE(text, "Victoria") << text;
    EXPECT_NE(text, "House") << text;
  }
}

TEST(Engine, ALegalFormsStopInsideASentence) {
  const Named got = NamesIn("Brightwater Copper Corp., which owns the mine, and Kansai Denki Co. signed. Sakura "
                            "Trading Co., Ltd., the buyer, paid.");
  EXPECT_TRUE(HasAll(got, {{"Brightwater Copper Corp.", v1::ORG},
                           {"Kansai Denki Co.", v1::ORG},
                           {"Sakura Trading Co., Ltd.", v1::ORG}}));
  // The stop that ends a sentence is the sentence's.
  EXPECT_TRUE(HasAll(NamesIn("The order went to Meridian Pacific Corp. Analysts cheered."),
                     {{"Meridian Pacific Corp", v1::ORG}}));
  // Before a bracket with its acronym or listing, or a second stop; not
  // before a wire's credit line.
  EXPECT_TRUE(HasAll(NamesIn("Kestrel Harbour Power Co. (KHP) warned of cuts. The buyers were Lantern Bee "
                             "Inc.. Profit fell at Sorrel Mills Corp. (Reporting by Ann Lee)"),
                     {{"Kestrel Harbour Power Co.", v1::ORG},
                      {"Lantern Bee Inc.", v1::ORG},
                      {"Sorrel Mills Corp", v1::ORG}}));
}

TEST(Engine, ToursMeetingsChampionshipsTournamentsAndExercises) {
  const Named got = NamesIn(
      "He won the Giro d'Italia and the Vuelta a España, then the Volta a Catalunya. Donors met at the Moldova "
      "Reconstruction Conference. The two-Test series counts towards the ICC World Test Championship. Lindqvist "
      "won the Formula 3 Championship. She took the Corus Chess Tournament.\n\nExercise Garuda Shakti ended "
      "with a landing.");
  EXPECT_TRUE(HasAll(got, {{"Giro d'Italia", v1::EVENT},
                           {"Vuelta a España", v1::EVENT},
                           {"Volta a Catalunya", v1::EVENT},
                           {"Moldova Reconstruction Conference", v1::EVENT},
                           {"ICC World Test Championship", v1::EVENT},
                           {"Formula 3 Championship", v1::EVENT},
                           {"Corus Chess Tournament", v1::EVENT},
                           {"Exercise Garuda Shakti", v1::EVENT}}));
  // A league, a party's conference and a sentence's "Exercise" are no events.
  for (const auto& [text, type] : NamesIn("Dunfermline moved top of the Scottish Championship. The National "
                                          "Conference won seats.\n\nExercise Helps Memory in Old Age"))
    EXPECT_FALSE(type == v1::EVENT) << text;
}

TEST(Engine, SentenceOpenersTownsOnTheirWaterAndAges) {
  const Named got = NamesIn(
      "Near Bultfontein, farmers waited. Born Adaeze Okonkwo in Enugu, she sang. The tournament is held in Wijk aan "
      "Zee each January. Van der Berg, 38, said it was over.");
  EXPECT_TRUE(HasAll(got, {{"Bultfontein", v1::LOC},
                           {"Adaeze Okonkwo", v1::PERSON},
                           {"Wijk aan Zee", v1::LOC},
                           {"Van der Berg", v1::PERSON}}));
  for (const auto& [text, type] : NamesIn("I am Sam, he said. Acme Holdings, 12, rose.")) {
    EXPECT_NE(text, "I am Sam") << text;
    if (text == "Acme Holdings") {
      EXPECT_NE(type, v1::PERSON);
    }
  }
}

TEST(Engine, BillsRailwaysCupsChambersDailiesAndResorts) {
  const Named got = NamesIn(
      "The Seanad passed the Housing (Miscellaneous) Bill late, and the Tenancy Bill waits. Thefts rose after "
      "Kenya Railways reported them. Italy won the Billie Jean King Cup. The Law Society of Zambia and the "
      "Grain Farmers Association of Ontario objected, she told the daily Kathimerini. The final round is at "
      "Sanctuary Cove Resort.");
  EXPECT_TRUE(HasAll(got, {{"Kenya Railways", v1::ORG},
                           {"Billie Jean King Cup", v1::EVENT},
                           {"Law Society of Zambia", v1::ORG},
                           {"Grain Farmers Association of Ontario", v1::ORG},
                           {"Kathimerini", v1::ORG},
                           {"Sanctuary Cove Resort", v1::LOC}}));
  for (const auto& [text, type] : got) EXPECT_NE(text, "Bill") << text;
  // A person named Bill stays one; a newspaper's name in capitals is its own.
  EXPECT_TRUE(HasAll(NamesIn("Keep Bill & Hillary out, said Bill Gates."), {{"Bill", v1::PERSON}}));
  for (const auto& [text, type] : NamesIn("Stories in the Kenyan press on Thursday:\n\nDAILY NATION\n- Talks went on."))
    EXPECT_NE(text, "NATION") << text;
}

TEST(Engine, ClubsByTheirPluralVerbBodiesOfAPlaceInitialsAndDatelinesBeforeADash) {
  const Named got = NamesIn(
      "Fulham have agreed a fee for the striker.\n\nThe Assembly of Murcia and the Municipality of Bologna voted, "
      "Statistics Norway said. Chief Minister P. K. Raman spoke.");
  EXPECT_TRUE(HasAll(got, {{"Fulham", v1::ORG},
                           {"Assembly of Murcia", v1::ORG},
                           {"Municipality of Bologna", v1::ORG},
                           {"Statistics Norway", v1::ORG},
                           {"P. K. Raman", v1::PERSON}}));
  EXPECT_TRUE(HasAll(NamesIn("CHIOGGIA - The lagoon's new barrier was raised on Tuesday. Fishermen in Chioggia "
                             "cheered."),
                     {{"CHIOGGIA", v1::LOC}}));
  EXPECT_TRUE(HasAll(NamesIn("Lagoon Barrier Raised Again\n\nCHIOGGIA - The lagoon's new barrier was raised, and "
                             "Chioggia stayed dry."),
                     {{"CHIOGGIA", v1::LOC}}));
  // A country is a place whatever its verb; a town that is no subject
  // stays one; a wire's label or a post's shout is no dateline.
  for (const auto& [text, type] : NamesIn("Norway have won again. Talks with Madrid were continuing. Tokyo were "
                                          "among the cities hit by the power cut."))
    EXPECT_NE(type, v1::ORG) << text;
  for (const auto& [text, type] : NamesIn("FOREX - Dollar closing rates on Friday were firm."))
    EXPECT_NE(text, "FOREX");
  // A shout or an acronym the story does not name again is no place (a
  // review's cases).
  for (const auto& [text, type] : NamesIn("JUST IN - The government has resigned after the vote."))
    EXPECT_NE(type, v1::LOC) << text;
  for (const auto& [text, type] : NamesIn("@someone @newsdesk\nWHOOPS - Angry man looks silly on the news."))
    EXPECT_NE(text, "WHOOPS");
}

TEST(Engine, AVenueAtTheNameOnADayIsAPlace) {
  EXPECT_TRUE(HasAll(NamesIn("Perth lost at the Waca on Friday, and Leeds drew at the Shay on Tuesday."),
                     {{"Waca", v1::LOC}, {"Shay", v1::LOC}}));
  // An organisation's word, a museum, a known organisation stay organisations.
  EXPECT_TRUE(HasAll(NamesIn("She spoke at the Jagiellonian University on Monday and at the IMF in Washington."),
                     {{"Jagiellonian University", v1::ORG}, {"IMF", v1::ORG}}));
}

TEST(Engine, APlaceOfTheKnowledgeBaseTheModelTypedAPersonIsThePlace) {
  EXPECT_TRUE(HasAll(NamesIn("Dupont promised to make Lyon work again."), {{"Lyon", v1::LOC}}));
  // A surname the document gives a person, a given name, a family, a handle.
  EXPECT_TRUE(HasAll(NamesIn("Kazuo Ueda said Ueda was calm. Paul spoke for God."),
                     {{"Ueda", v1::PERSON}, {"Paul", v1::PERSON}}));
}

// Small capitals are the knowledge base's places ("Suva", 77,000 people,
// below the 100,000 other cities need), and "Muscat" though "muscat" is a
// grape.
TEST(Engine, ACountrysCapitalIsAPlaceWhateverItsSize) {
  EXPECT_TRUE(HasAll(NamesIn("Muscat \u2014 The four members of the trade bloc met in Suva and Kuwait City."),
                     {{"Muscat", v1::LOC}, {"Suva", v1::LOC}, {"Kuwait City", v1::LOC}}));
  // Capitals that are mostly people's names stay out ("Victoria").
  EXPECT_TRUE(HasAll(NamesIn("Victoria Beckham said she was delighted."), {{"Victoria Beckham", v1::PERSON}}));
}

// Peoples that are no country's demonym are the knowledge base's
// (tools/facts_peoples.tsv); not a surname nor a given name that shares a
// people's word ("Lindiwe Zulu", "Sami Ben Ghorbel"), nor inside a people
// of two words the model joins ("Bosnian Serb").
TEST(Engine, EthnicAndIndigenousPeoplesArePeoples) {
  EXPECT_TRUE(HasAll(NamesIn("Aymara fishermen and young Inuit voters joined S\u00e1mi herders."),
                     {{"Aymara", v1::NORP}, {"Inuit", v1::NORP}, {"S\u00e1mi", v1::NORP}}));
  EXPECT_TRUE(HasAll(NamesIn("Minister Lindiwe Zulu met the delegation. Zulu said the talks went well."),
                     {{"Lindiwe Zulu", v1::PERSON}, {"Zulu", v1::PERSON}}));
  EXPECT_TRUE(HasAll(NamesIn("Tunisian analyst Sami Ben Ghorbel said the deal was a quiet win."),
                     {{"Sami Ben Ghorbel", v1::PERSON}}));
  EXPECT_TRUE(HasAll(NamesIn("Bosnian Serb leaders said they would boycott the vote."), {{"Bosnian Serb", v1::NORP}}));
  // A people's word after a person's name ends it, and after a title is the
  // person (a review's: "Ilyas Kashmiri", "Raj Punjabi", "Mr Punjabi").
  EXPECT_TRUE(HasAll(NamesIn("Ilyas Kashmiri was killed. Raj Punjabi, the bank's chief executive, said so. Mr "
                             "Punjabi left."),
                     {{"Ilyas Kashmiri", v1::PERSON}, {"Raj Punjabi", v1::PERSON}, {"Punjabi", v1::PERSON}}));
  // Such a people's language used as one is no name: spoken, official, a
  // word of it, studied, translated from it, a text in it.
  for (const auto& [text, type] :
       NamesIn("Wolof is widely spoken. Quechua and Aymara are official languages. The Quechua word for mother is "
               "mama. She studied Marathi and Telugu. The book was translated from Bengali. A text in Malay."))
    EXPECT_NE(type, v1::NORP) << text;
}

// An acronym before a member's or an officer's word is a body's; its
// members' word ends the body's span; an office, a trade or a place before
// such a word is none.
TEST(Engine, AnAcronymBeforeItsLeaderIsABody) {
  EXPECT_TRUE(HasAll(NamesIn("ACT leader David Seymour wants asset sales. TMC councillors called it a sale. The "
                             "deal angered DUP MPs."),
                     {{"ACT", v1::ORG}, {"TMC", v1::ORG}, {"DUP", v1::ORG}}));
  for (const auto& [text, type] : NamesIn("HR chief Jane Doe and IT chief Bob Li met US leaders.")) {
    EXPECT_NE(text, "HR");
    EXPECT_NE(text, "IT");
    if (text == "US") {
      EXPECT_EQ(type, v1::LOC);
    }
  }
  // Groups, degrees and people by their initials, a hyphened name's tail and
  // two letters (a state's or a city's code) are no bodies (a review's).
  for (const auto& [text, type] : NamesIn("Later, STEM leaders met. An MBA candidate and MLK supporters came. "
                                          "ZANU-PF supporters marched. LA councillors voted."))
    EXPECT_TRUE(text != "STEM" && text != "MBA" && text != "MLK" && text != "PF" && text != "LA") << text;
}

// A party's or an armed group's name that begins with its body's word and
// a hyphened particle is an organisation; a mosque's or a mountain's is not.
TEST(Engine, ABodysFirstWordAndAHyphenedParticle) {
  EXPECT_TRUE(HasAll(NamesIn("Jamaat-e-Islami said it would march. Lashkar-e-Taiba and Jaish-e-Mohammed were "
                             "blamed."),
                     {{"Jamaat-e-Islami", v1::ORG}, {"Lashkar-e-Taiba", v1::ORG}, {"Jaish-e-Mohammed", v1::ORG}}));
  for (const auto& [text, type] : NamesIn("Pilgrims prayed at Masjid-e-Nabawi and climbed Takht-e-Suleiman."))
    EXPECT_NE(type, v1::ORG) << text;
}

// A place's body named by the place and its tier is one organisation; a
// country's is not joined.
TEST(Engine, APlacesBodyByItsTier) {
  EXPECT_TRUE(HasAll(NamesIn("The Washington State Department of Transportation closed the road."),
                     {{"Washington State Department of Transportation", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("Russia State Duma deputies met."), {{"Russia", v1::LOC}, {"State Duma", v1::ORG}}));
}

// An office named by its holder is one organisation; "office" in lower
// case is none.
TEST(Engine, AnOfficeNamedByItsHolder) {
  EXPECT_TRUE(HasAll(NamesIn("A spokesman for the Office of the Prime Minister declined to comment. The Department "
                             "of the Treasury and the Office of the Director of Public Prosecutions said so."),
                     {{"Office of the Prime Minister", v1::ORG}, {"Department of the Treasury", v1::ORG},
                      {"Office of the Director of Public Prosecutions", v1::ORG}}));
  for (const auto& [text, type] : NamesIn("She took office of the President in May."))
    EXPECT_NE(type, v1::ORG) << text;
  // An institution or a building named by what it is of; not inside a
  // longer name the model had.
  EXPECT_TRUE(HasAll(NamesIn("Mass will be held at the Cathedral of the Assumption. She studied at the University "
                             "of the West Indies. The National Museum of the American Indian reopened."),
                     {{"Cathedral of the Assumption", v1::LOC}, {"University of the West Indies", v1::ORG},
                      {"National Museum of the American Indian", v1::ORG}}));
}

// A body's or a region's name that goes on with "of" and a place is one
// name; a company and its town are two.
TEST(Engine, ANameGoesOnWithOfAndAPlace) {
  EXPECT_TRUE(HasAll(NamesIn("with permits from the Department of Antiquities of Jordan. Papua New Guinea and the "
                             "Autonomous Region of Bougainville signed."),
                     {{"Department of Antiquities of Jordan", v1::ORG},
                      {"Autonomous Region of Bougainville", v1::LOC}}));
  EXPECT_TRUE(HasAll(NamesIn("Skyroot Aerospace of Hyderabad grew."),
                     {{"Skyroot Aerospace", v1::ORG}, {"Hyderabad", v1::LOC}}));
}

// A battle or a siege named by its place is an event; a fall of prices
// is none.
TEST(Engine, ABattleNamedByItsPlace) {
  EXPECT_TRUE(HasAll(NamesIn("This isn't the Battle of Waterloo. The Siege of Sarajevo lasted years. He fled after "
                             "the Fall of Kabul in 2021."),
                     {{"Battle of Waterloo", v1::EVENT}, {"Siege of Sarajevo", v1::EVENT}, {"Fall of Kabul", v1::EVENT}}));
  for (const auto& [text, type] : NamesIn("Fall of prices hit farmers."))
    EXPECT_NE(type, v1::EVENT) << text;
}

// Named events of the knowledge base (tools/facts_events.tsv); their words
// stay what they were to the model ("Australian" a people's).
TEST(Engine, NamedEventsOfTheKnowledgeBase) {
  EXPECT_TRUE(HasAll(NamesIn("She won the Australian Open and rode the Tour de France. Australian officials said "
                             "the Six Nations would go ahead."),
                     {{"Australian Open", v1::EVENT}, {"Tour de France", v1::EVENT}, {"Australian", v1::NORP},
                      {"Six Nations", v1::EVENT}}));
}

// Legislatures by their own names; a people's adjective and a lower-case
// "parliament" stay the people's word; a country in a legislature's title
// stays a place elsewhere.
TEST(Engine, LegislaturesOfTheKnowledgeBase) {
  EXPECT_TRUE(HasAll(NamesIn("The bill now goes to the Seanad. Norway's Storting and the Lok Sabha debated it, "
                             "and Estonia's Riigikogu approved it."),
                     {{"Seanad", v1::ORG}, {"Norway", v1::LOC}, {"Storting", v1::ORG}, {"Lok Sabha", v1::ORG},
                      {"Estonia", v1::LOC}, {"Riigikogu", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("Protesters gathered outside the Georgian parliament and the Italian parliament."),
                     {{"Georgian", v1::NORP}, {"Italian", v1::NORP}}));
  EXPECT_TRUE(HasAll(NamesIn("The Italian Parliament voted. The Parliament of Morocco met, and gas from Morocco "
                             "flowed."),
                     {{"Italian Parliament", v1::ORG}, {"Parliament of Morocco", v1::ORG}, {"Morocco", v1::LOC}}));
}

// Public institutions of the hand-written list: a country in a central
// bank's name stays a place elsewhere, and a longer body's name around one
// is the model's.
TEST(Engine, PublicInstitutionsOfTheKnowledgeBase) {
  EXPECT_TRUE(HasAll(NamesIn("The Bundesbank left rates unchanged, the RBI said nothing and officials of the Bank "
                             "of Canada met. Canada said so. The governor activated the Wyoming National Guard. "
                             "The FCA fined the bank."),
                     {{"Bundesbank", v1::ORG}, {"RBI", v1::ORG}, {"Bank of Canada", v1::ORG}, {"Canada", v1::LOC},
                      {"Wyoming National Guard", v1::ORG}, {"FCA", v1::ORG}}));
}

// Universities, bodies, events and groups of the hand-written lists; a
// hand-listed acronym types no word of a mixed-case name.
TEST(Engine, UniversitiesBodiesEventsAndGroupsOfTheKnowledgeBase) {
  EXPECT_TRUE(HasAll(NamesIn("Researchers at Harvard University and Sciences Po said Chatham House agreed. "
                             "He won Paris-Roubaix. Militants of JNIM attacked, COSATU called a strike and "
                             "Chega gained seats."),
                     {{"Harvard University", v1::ORG}, {"Sciences Po", v1::ORG}, {"Chatham House", v1::ORG},
                      {"Paris-Roubaix", v1::EVENT}, {"JNIM", v1::ORG}, {"COSATU", v1::ORG}, {"Chega", v1::ORG}}));
  for (const auto& [text, type] : NamesIn("CRICKET - AUSTRALIA CLOSE IN ON SERIES WIN")) EXPECT_NE(type, v1::ORG) << text;
}

// generated_lists.tsv: places, facilities, past events and media the news
// names; a facility's common noun stays out of the mention; a past event
// inside a longer name or naming a thing after it is left to the model; a
// channel named by a country and a number is no alias.
TEST(Engine, PlacesFacilitiesPastEventsAndMediaOfTheKnowledgeBase) {
  EXPECT_TRUE(HasAll(NamesIn("Refugees drowned off Lesbos during the European migrant crisis. He flew into "
                             "Heathrow to study the Great Famine, and The Lancet and Nature Geoscience reported it. "
                             "Crowds gathered at Casa Rosada."),
                     {{"Lesbos", v1::LOC}, {"European migrant crisis", v1::EVENT}, {"Heathrow", v1::LOC},
                      {"Great Famine", v1::EVENT}, {"Lancet", v1::ORG}, {"Nature Geoscience", v1::ORG},
                      {"Casa Rosada", v1::LOC}}));
  EXPECT_TRUE(HasAll(NamesIn("Aid reached the Dadaab refugee camps."), {{"Dadaab", v1::LOC}}));
  // A review's cases: generic events exact-case only, no bare channel name
  // that is a place, no surname of a district; lower-case names of journals.
  for (const auto& [text, type] : NamesIn("Quiet revolution is under way in farming. Winter war on energy bills "
                                          "looms. Israeli strikes hit al-Hadath in Beirut. Southall was named "
                                          "captain."))
    EXPECT_TRUE(type != v1::EVENT && !(text == "al-Hadath" && type == v1::ORG) && text != "Southall") << text;
  EXPECT_TRUE(HasAll(NamesIn("The preprint was posted on medRxiv before eLife printed it."),
                     {{"medRxiv", v1::ORG}, {"eLife", v1::ORG}}));
  // Recurring events (facts_occasions.tsv): competitions, fairs, holidays.
  EXPECT_TRUE(HasAll(NamesIn("Wellington won their Plunket Shield match. Markets closed for Golden Week. He won the "
                             "Koppenbergcross on Saturday."),
                     {{"Plunket Shield", v1::EVENT}, {"Golden Week", v1::EVENT}, {"Koppenbergcross", v1::EVENT}}));
  // Leaders (facts_leaders.tsv); not inside another person's longer name.
  const Named leaders = NamesIn("Zelensky met Sheinbaum. Laurent Kabila, leader of the rebels, spoke. Country "
                                "manager Elena Marchetti-Vance said so.");
  EXPECT_TRUE(HasAll(leaders, {{"Zelensky", v1::PERSON}, {"Sheinbaum", v1::PERSON},
                               {"Laurent Kabila", v1::PERSON}, {"Elena Marchetti-Vance", v1::PERSON}}));
  // Football clubs of Africa, Asia and the Americas (facts_clubs.tsv).
  EXPECT_TRUE(HasAll(NamesIn("Gor Mahia beat Asante Kotoko, and Mohun Bagan drew with Persija Jakarta."),
                     {{"Gor Mahia", v1::ORG}, {"Asante Kotoko", v1::ORG}, {"Mohun Bagan", v1::ORG},
                      {"Persija Jakarta", v1::ORG}}));
  // National sides by their nicknames (facts_sides.tsv).
  EXPECT_TRUE(HasAll(NamesIn("The Springboks beat the All Blacks, and the Super Eagles drew with Bafana Bafana."),
                     {{"Springboks", v1::ORG}, {"All Blacks", v1::ORG}, {"Super Eagles", v1::ORG},
                      {"Bafana Bafana", v1::ORG}}));
  // Political tendencies named after a leader (facts_peoples.tsv), the -ism no mention.
  const Named isms = NamesIn("The Peronist governor and Thatcherite Tories agreed on Gaullism.");
  EXPECT_TRUE(HasAll(isms, {{"Peronist", v1::NORP}, {"Thatcherite", v1::NORP}}));
  for (const auto& [text, type] : isms) EXPECT_NE(text, "Gaullism");
  for (const auto& [text, type] : NamesIn("The Velvet Revolution bar in Prague closed.")) EXPECT_NE(type, v1::EVENT) << text;
  EXPECT_TRUE(HasAll(NamesIn("Results:\nBrazil 3 Russia 1\nFrance 2 Italy 1\n"),
                     {{"Russia", v1::LOC}, {"France", v1::LOC}}));
}

// A review's cases of the hand-written lists: a hand-listed company's name
// written as a phrase in lower case is no name, nor is one after an
// honorific; a name written with en dashes is the list's; a French place's
// "-à-".
TEST(Engine, TheHandWrittenListsWhereTheyDoNotBelong) {
  const Named phrases = NamesIn("American airlines cut fares. British steel output fell. Secret service agents met.");
  EXPECT_TRUE(HasAll(phrases, {{"American", v1::NORP}, {"British", v1::NORP}}));
  for (const auto& [text, type] : phrases) EXPECT_NE(type, v1::ORG) << text;
  // A hand-listed event's name as a phrase too; not the events' wars.
  const Named events = NamesIn("Royal rumble as princes feud. Sugar bowl prices rose. The Bosnian war ended.");
  EXPECT_TRUE(HasAll(events, {{"Bosnian war", v1::EVENT}}));
  for (const auto& [text, type] : events) EXPECT_NE(text, "Royal rumble") << text;
  EXPECT_TRUE(HasAll(NamesIn("Mr Tata never married. It was rated by Standard & Poor's."),
                     {{"Tata", v1::PERSON}, {"Standard & Poor's", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("He won Paris–Roubaix and rides for Red Bull–Bora–Hansgrohe. Workers walked off the job "
                             "at the Pointe-à-Pierre terminal."),
                     {{"Paris–Roubaix", v1::EVENT}, {"Red Bull–Bora–Hansgrohe", v1::ORG},
                      {"Pointe-à-Pierre", v1::LOC}}));
}

// An acronym the text defines after a name is that name's everywhere in
// the document, whatever body the knowledge base holds it for.
TEST(Engine, AnAcronymDefinedInTheTextTakesItsName) {
  const v1::EnrichedDocument d = EnrichText(
      "Bolivia's Movement for Socialism (MAS) lost the vote. MAS leaders said they would appeal.");
  const v1::EntityMention* full = FindEntity(d, "Movement for Socialism");
  ASSERT_NE(full, nullptr);
  int acronyms = 0;
  for (const auto& e : d.entities()) {
    if (e.text() != "MAS") continue;
    ++acronyms;
    EXPECT_EQ(e.type(), v1::ORG);
    EXPECT_EQ(e.name(), full->name());
    EXPECT_EQ(e.id(), full->id());
  }
  EXPECT_EQ(acronyms, 2);
}

// Companies the stock-index lists lack, from the hand-written list; their
// names' words are no organisation's words elsewhere; other sports' teams
// by their names and nicknames, not by their city; golf's tours.
TEST(Engine, CompaniesTeamsAndToursTheNewsNames) {
  EXPECT_TRUE(HasAll(NamesIn("Aramco raised its prices. Maersk and Hapag-Lloyd rerouted ships, and Foxconn said "
                             "OpenAI would buy servers. Kazatomprom cut output."),
                     {{"Aramco", v1::ORG}, {"Maersk", v1::ORG}, {"Hapag-Lloyd", v1::ORG}, {"Foxconn", v1::ORG},
                      {"OpenAI", v1::ORG}, {"Kazatomprom", v1::ORG}}));
  for (const auto& [text, type] : NamesIn("Charles II probably had less power than Cromwell."))
    EXPECT_NE(type, v1::ORG) << text;
  EXPECT_TRUE(HasAll(NamesIn("The Boston Celtics beat the Knicks, and the Celtics stay top. Fans in Boston "
                             "cheered. Lidl-Trek won in Roubaix."),
                     {{"Boston Celtics", v1::ORG}, {"Celtics", v1::ORG}, {"Knicks", v1::ORG}, {"Boston", v1::LOC},
                      {"Lidl-Trek", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("He won on the DP World Tour and joined the PGA Tour. The Wallabies opened their "
                             "European tour in Rome."),
                     {{"DP World Tour", v1::ORG}, {"PGA Tour", v1::ORG}, {"European", v1::NORP}}));
}

// The second review's cases of the session's steps: a known person before a
// people's word, an office before a date or a person, a battle's place
// before another name or a person, a country before "of", a sentence's
// place before a body.
TEST(Engine, TheThirtyFourthSessionsStepsWhereTheyDoNotBelong) {
  EXPECT_TRUE(HasAll(NamesIn("Putin Russian forces attacked on Monday."), {{"Putin", v1::PERSON}, {"Russian", v1::NORP}}));
  EXPECT_TRUE(HasAll(NamesIn("The Office of the Public Prosecutor on Monday said so. The Office of the Mayor Eric "
                             "Adams spoke."),
                     {{"Office of the Public Prosecutor", v1::ORG}, {"Office of the Mayor", v1::ORG},
                      {"Eric Adams", v1::PERSON}}));
  EXPECT_TRUE(HasAll(NamesIn("Calm has held since the Fall of Assad."), {{"Assad", v1::PERSON}}));
  for (const auto& [text, type] : NamesIn("The Battle of Britain Memorial Flight flew over the city."))
    EXPECT_NE(text, "Battle of Britain") << text;
  EXPECT_TRUE(HasAll(NamesIn("It welcomed the recognition by the Czech Republic of Kosovo."),
                     {{"Czech Republic", v1::LOC}, {"Kosovo", v1::LOC}}));
  EXPECT_TRUE(HasAll(NamesIn("In Moscow State Duma deputies voted."), {{"Moscow", v1::LOC}, {"State Duma", v1::ORG}}));
}

// A review's sentences: each new step left alone where it does not belong.
TEST(Engine, TheThirtiethSessionsStepsWhereTheyDoNotBelong) {
  const std::vector<std::string> texts = {
      "Sanctions upon Russia were tightened last week.",
      "Protesters Storm Parliament of Kenya",
      "I told Uncle Bill about it.",
      "Per Gessle and Marie Fredriksson formed Roxette.",
      "She studied Exercise Science at Loughborough University.",
      "The Missouri Valley Conference announced a new media deal.",
      "He was promoted from the EFL Championship last season.",
      "The Trans-Siberian Railway reopened.",
      "Texas have executed more prisoners than any other state."};
  const Named want = {
      {"Russia", v1::LOC},         {"Parliament of Kenya", v1::ORG},    {"Bill", v1::PERSON},
      {"Per Gessle", v1::PERSON},  {"Loughborough University", v1::ORG}, {"Missouri Valley Conference", v1::LOC},
      {"EFL Championship", v1::ORG}, {"Trans-Siberian Railway", v1::LOC}, {"Texas", v1::LOC}};
  for (size_t i = 0; i < texts.size(); ++i) {
    const Named got = NamesIn(texts[i]);
    EXPECT_TRUE(HasAll(got, {want[i]})) << texts[i];
  }
  for (const auto& [text, type] : NamesIn("She studied Exercise Science at Loughborough University."))
    EXPECT_NE(type, v1::EVENT) << text;
}

TEST(Engine, ARoadByItsNumber) {
  EXPECT_TRUE(HasAll(NamesIn("Lorries queued on the A49 near Hereford, and traffic was diverted along Route 9."),
                     {{"A49", v1::LOC}, {"Route 9", v1::LOC}}));
  EXPECT_TRUE(HasAll(NamesIn("Snow closed I-80 near Laramie. Buses run on 1re Avenue and 42nd Street, and the tram "
                             "goes along boulevard René-Lévesque."),
                     {{"I-80", v1::LOC},
                      {"1re Avenue", v1::LOC},
                      {"42nd Street", v1::LOC},
                      {"boulevard René-Lévesque", v1::LOC}}));
  for (const auto& [text, type] : NamesIn("The A320 landed late. Staff wore the N95 mask, and the M23 rebel group "
                                          "advanced."))
    EXPECT_NE(type, v1::LOC) << text;
  // The verb "rue", a form's number: no roads.
  for (const auto& [text, type] : NamesIn("Many Republicans will live to rue Trump's decision. Employers must "
                                          "complete Form I-9 for each new hire."))
    EXPECT_NE(type, v1::LOC) << text;
  // A band named after a street, and a French street's word with no
  // preposition before it, are no streets.
  for (const auto& [text, type] : NamesIn("I think the 3rd Street Band played; it is a boulevard Paris never had."))
    EXPECT_TRUE(!(type == v1::LOC && text.find("Street") != std::string::npos) &&
                text.find("boulevard") == std::string::npos)
        << text;
}

TEST(Engine, ASpaceMissionByItsNumber) {
  EXPECT_TRUE(HasAll(NamesIn("India's Chandrayaan-3 mission landed, and the Apollo 17 mission was the last."),
                     {{"Chandrayaan-3", v1::EVENT}, {"Apollo 17", v1::EVENT}}));
  // An organisation's mission has no number.
  EXPECT_TRUE(HasAll(NamesIn("An OSCE mission arrived in Kyiv."), {{"OSCE", v1::ORG}}));
}

TEST(Engine, SeriAfterAMalayTitleIsATitle) {
  const Named got = NamesIn("Prime Minister Datuk Seri Anwar Ibrahim spoke in Putrajaya on Monday. Sayyid Qutb was "
                            "executed in Cairo in 1966.");
  EXPECT_TRUE(HasAll(got, {{"Anwar Ibrahim", v1::PERSON}, {"Sayyid Qutb", v1::PERSON}}));
  for (const auto& [text, type] : NamesIn("Seri Perdana, the prime minister's residence, was lit up."))
    EXPECT_NE(text, "Perdana");
}

TEST(Engine, PlacesByTheirGeographicWordsAndPairsOfPlaces) {
  const Named got = NamesIn(
      "Fishermen on the Tonle Sap lake struggled. Evacuations in Quang Ngai and Binh Dinh provinces began. "
      "Boats on Lake Issyk-Kul sank. Fighting closed the Juba-Nimule road.");
  EXPECT_TRUE(HasAll(got, {{"Tonle Sap", v1::LOC},
                           {"Quang Ngai", v1::LOC},
                           {"Binh Dinh", v1::LOC},
                           {"Lake Issyk-Kul", v1::LOC},
                           {"Juba", v1::LOC},
                           {"Nimule", v1::LOC}}));
  // Names that are one place, a person's double-barrelled name, a body, a
  // group's province and a company's region (a review's cases).
  const Named kept = NamesIn(
      "Guinea-Bissau and Bosnia-Herzegovina voted. Born in Onitsha, Okafor-Bello studied law. The Philippine "
      "coast guard said so. Ms Valencia-Ortiz, the mayor's spokeswoman, denied it. The Islamic State Khorasan "
      "province claimed the bombing. The Google Cloud region in Doha opened.");
  EXPECT_TRUE(HasAll(kept, {{"Guinea-Bissau", v1::LOC}, {"Bosnia-Herzegovina", v1::LOC}}));
  for (const auto& [text, type] : kept) {
    EXPECT_FALSE(text == "Bello" || text == "Ortiz" || (text == "Philippine" && type == v1::LOC)) << text;
    EXPECT_FALSE(text.starts_with("Islamic State") && type == v1::LOC) << text;
    EXPECT_FALSE(text.starts_with("Google") && type == v1::LOC) << text;
  }
}

TEST(Engine, AWarNamedInLowerCaseByItsPeopleOrItsSides) {
  EXPECT_TRUE(HasAll(NamesIn("He fought in the Sudanese civil war. The vote was framed around the Russia-Ukraine "
                             "war. Since the Israel-Hamas war began, prices rose."),
                     {{"Sudanese civil war", v1::EVENT}, {"Russia-Ukraine war", v1::EVENT},
                      {"Israel-Hamas war", v1::EVENT}}));
  // One side alone is no war's name, nor a war of words, nor a party's or
  // a town's "civil war" (a review's cases).
  EXPECT_TRUE(HasAll(NamesIn("The US war in Iraq cost billions. The US-China war of words escalated. The "
                             "Republican civil war over Ukraine aid went on. The Hollywood civil war over AI."),
                     {{"US", v1::LOC}, {"Iraq", v1::LOC}, {"China", v1::LOC}, {"Hollywood", v1::LOC}}));
}

TEST(Engine, NamesThatOnlyEventsEndIn) {
  EXPECT_TRUE(HasAll(NamesIn("Finland won the Eurovision Song Contest for the second time. The thriller is set "
                             "during the 1986 People Power Revolution."),
                     {{"Eurovision Song Contest", v1::EVENT}, {"People Power Revolution", v1::EVENT}}));
  // A party's name with "Revolution" in it stays an organisation's, and a
  // bar named after an event is no event.
  for (const auto& [text, type] : NamesIn("The Velvet Revolution bar in Prague was closed over unpaid rent.")) {
    EXPECT_NE(type, v1::EVENT) << text;
  }
  for (const auto& [text, type] : NamesIn("The Party of the Democratic Revolution lost seats in Mexico City.")) {
    if (text.find("Revolution") != std::string::npos) {
      EXPECT_EQ(type, v1::ORG) << text;
    }
  }
}

TEST(Engine, EventsInLowerCaseAndByTheirNumber) {
  EXPECT_TRUE(HasAll(NamesIn("The summit comes a few weeks after COP31, which ended without a deal. Victims of the "
                             "Noto Peninsula earthquake waited. During the Singing Revolution he conducted a choir. "
                             "Thousands died in the Indian Ocean tsunami of 2004."),
                     {{"COP31", v1::EVENT},
                      {"Noto Peninsula earthquake", v1::EVENT},
                      {"Singing Revolution", v1::EVENT},
                      {"Indian Ocean tsunami", v1::EVENT}}));
  // An account's handle, a people's earthquake, a party with "Revolution".
  const Named kept = NamesIn("Ahead of Paris @COP21 posted. A Mexican earthquake struck. The Party of the "
                             "Democratic Revolution lost.");
  for (const auto& [text, type] : kept) EXPECT_NE(type, v1::EVENT) << text;
}

TEST(Engine, APeoplesWordACountrysNameIsMadeOf) {
  // The knowledge base's peoples of Kazakhstan, Uzbekistan, Tajikistan
  // and Kyrgyzstan by the word of their language too.
  EXPECT_TRUE(HasAll(NamesIn("The club has few sponsors. \"Kazakh teams have state money,\" he said. Kok-boru, the "
                             "Kyrgyz version of a horseback game, drew Uzbek and Tajik riders."),
                     {{"Kazakh", v1::NORP}, {"Kyrgyz", v1::NORP}, {"Uzbek", v1::NORP}, {"Tajik", v1::NORP}}));
}

TEST(Engine, TheWordsThatSpellABracketedAcronymAreOneName) {
  const Named got = NamesIn(
      "Selectors from the Board of Control for Cricket in India (BCCI) were there. Officers of the Lagos State "
      "Traffic Management Authority (LASTMA) impounded 47 motorcycles. The Congress of South African Trade Unions "
      "(COSATU) threatened a strike. She won at the 57th International Film Festival of India (IFFI) on "
      "Saturday. Fighting in the Democratic Republic of Congo (DRC) went on. The BCCI and LASTMA declined to "
      "comment.");
  EXPECT_TRUE(HasAll(got, {{"Board of Control for Cricket in India", v1::ORG},
                           {"Lagos State Traffic Management Authority", v1::ORG},
                           {"Congress of South African Trade Unions", v1::ORG},
                           {"International Film Festival of India", v1::EVENT},
                           {"Democratic Republic of Congo", v1::LOC},
                           {"BCCI", v1::ORG},
                           {"LASTMA", v1::ORG},
                           {"COSATU", v1::ORG},
                           {"IFFI", v1::EVENT},
                           {"DRC", v1::LOC}}));
  size_t lastmas = 0;
  for (const auto& [text, type] : got) {
    EXPECT_NE(text, "India");  // inside the names
    lastmas += text == "LASTMA";
  }
  EXPECT_EQ(lastmas, 2u);
  // A name the model left whole out: an organisation by its word; a
  // measure without one stays untagged.
  const Named left = NamesIn(
      "Permits came from Iraq's State Board of Antiquities and Heritage (SBAH). Growth of Gross Domestic Product "
      "(GDP) slowed.");
  EXPECT_TRUE(HasAll(left, {{"State Board of Antiquities and Heritage", v1::ORG}, {"SBAH", v1::ORG}}));
  for (const auto& [text, type] : left) EXPECT_EQ(text.find("Domestic"), std::string::npos) << text;
  for (const auto& [text, type] : NamesIn("A Non-Governmental Organisation (NGO) must register with the ministry."))
    EXPECT_EQ(text.find("Governmental"), std::string::npos) << text;
  // A facility's name stays a place, and its acronym with it.
  EXPECT_TRUE(HasAll(NamesIn("Flights at Jomo Kenyatta International Airport (JKIA) resumed. JKIA was busy."),
                     {{"Jomo Kenyatta International Airport", v1::LOC}, {"JKIA", v1::LOC}}));
  // Words that do not spell it stay as they were.
  EXPECT_TRUE(HasAll(NamesIn("PARIS (AFP) - President Emmanuel Macron spoke in Lyon (France) on Monday."),
                     {{"PARIS", v1::LOC}, {"Emmanuel Macron", v1::PERSON}, {"Lyon", v1::LOC}}));
}

TEST(Engine, AnAcronymInTheNamesOwnLanguageIsTheNames) {
  const Named got = NamesIn(
      "Investigators from the Central Anti-Corruption Bureau (CBA) recorded meetings. The CBA declined to "
      "comment. Shares of Apple Inc (AAPL) rose.");
  EXPECT_TRUE(HasAll(got, {{"Central Anti-Corruption Bureau", v1::ORG}, {"CBA", v1::ORG}}));
  size_t cbas = 0;
  for (const auto& [text, type] : got) {
    cbas += text == "CBA";
    EXPECT_NE(text, "AAPL");  // a ticker's letters are no initials of the name
  }
  EXPECT_EQ(cbas, 2u);
}

TEST(Engine, APlaceBeforeACompanysKindIsThePlace) {
  const Named got = NamesIn(
      "Yorvale Homes, a small York firm founded in 2019, expects profits. Nvidia took a stake in Lumenfold, a "
      "two-year-old Lisbon start-up. Brent crude rose 1.1 percent.");
  EXPECT_TRUE(HasAll(got, {{"York", v1::LOC}, {"Lisbon", v1::LOC}, {"Lumenfold", v1::ORG}}));
  for (const auto& [text, type] : got) EXPECT_NE(text, "Brent");  // the oil benchmark
}

TEST(Engine, AShortFormInBracketsIsTheOrganisations) {
  const Named got = NamesIn(
      "The Ghana Cocoa Board (Cocobod) said prices rose. Amponsah said Cocobod would act. State oil company "
      "Petroleos Mexicanos (Pemex) remains a concern.");
  EXPECT_TRUE(HasAll(got, {{"Ghana Cocoa Board", v1::ORG}, {"Cocobod", v1::ORG}}));
  // A place's name in brackets is no short form of a club's.
  EXPECT_TRUE(HasAll(NamesIn("SSC Napoli (Naples) signed the striker. Naples has been celebrating all week."),
                     {{"Naples", v1::LOC}}));
  for (const auto& [text, type] : got) {
    if (text == "Cocobod") {
      EXPECT_EQ(type, v1::ORG);  // both mentions
    }
  }
}

TEST(Engine, ANationalsNounBeforeANameIsAPeopleThenAPerson) {
  const Named got = NamesIn(
      "Frenchman Lenaic Dubois won the stage. The Dutchman Verhoeven crashed on the first lap. Irishman Ryanair "
      "boss Michael O'Leary criticised the tax.");
  EXPECT_TRUE(HasAll(got, {{"Frenchman", v1::NORP},
                           {"Lenaic Dubois", v1::PERSON},
                           {"Dutchman", v1::NORP},
                           {"Verhoeven", v1::PERSON},
                           {"Irishman", v1::NORP},
                           {"Ryanair", v1::ORG}}));
}

TEST(Engine, AStatesAbbreviationKeepsItsStop) {
  const Named got = NamesIn("WILMINGTON, Del., Dec 17 - A jury ruled. The plant in Jefferson City, Mo. closed.");
  EXPECT_TRUE(HasAll(got, {{"Del.", v1::LOC}, {"Mo.", v1::LOC}}));
}

// A body's name with a people inside it is one organisation; a people or a
// place after "of" without such a head stays what it is.
TEST(Engine, ABodysNameWithAPeopleInsideIsOneOrganisation) {
  const Named got = NamesIn(
      "The Confederation of British Industry said so, and the Organisation of African Unity called a meeting. "
      "He spoke of French Cheese at the fair, and the Council of Europe met in Strasbourg.");
  EXPECT_TRUE(HasAll(got, {{"Confederation of British Industry", v1::ORG},
                           {"Organisation of African Unity", v1::ORG},
                           {"French", v1::NORP},
                           {"Council of Europe", v1::ORG}}));
}

// Military, religious and noble ranks stay outside the name.
TEST(Engine, RanksOfArmiesChurchesAndNobilityAreTitles) {
  const Named got = NamesIn(
      "Brigadier Sarath Munasinghe said the town fell. Taleban leader Mullah Mohammad Omar spoke. Archbishop "
      "Desmond Tutu met Cardinal Basil Hume. The board is chaired by Baron Pierre Dupont.");
  EXPECT_TRUE(HasAll(got, {{"Sarath Munasinghe", v1::PERSON},
                           {"Mohammad Omar", v1::PERSON},
                           {"Desmond Tutu", v1::PERSON},
                           {"Basil Hume", v1::PERSON},
                           {"Pierre Dupont", v1::PERSON}}));
  // A surname of the same spelling stays a name.
  EXPECT_TRUE(HasAll(NamesIn("Foreign Minister Julie Bishop said Australia agreed."), {{"Julie Bishop", v1::PERSON}}));
}

TEST(Engine, ARoleInLowerCaseOrInAppositionBeforeADoubleBarrelledNameIsAPersons) {
  const Named got = NamesIn(
      "SwiftaGo's co-founder, Chidinma Eze-Okafor, said the riders were independent. Its Nairobi branch "
      "secretary, Wanjiru Mathenge-Otieno, addressed the nurses. His co-accused, company director Thabo "
      "Mokoena-Smit, was acquitted.");
  EXPECT_TRUE(HasAll(got, {{"Chidinma Eze-Okafor", v1::PERSON},
                           {"Wanjiru Mathenge-Otieno", v1::PERSON},
                           {"Thabo Mokoena-Smit", v1::PERSON}}));
  // A company of the knowledge base after a role stays a company.
  EXPECT_TRUE(HasAll(NamesIn("He joined as a director Rolls-Royce had hired from Siemens."),
                     {{"Rolls-Royce", v1::ORG}}));
}

TEST(Engine, APeopleBeforePeopleAndANameKnownLocallyAsAnother) {
  const Named got = NamesIn(
      "The museum handed back objects to the Kaurna people of the Adelaide Plains. Kaurna elder Dwayne Wilton "
      "spoke. They will be kept until a place is built on Kaurna land. Tacloban was devastated by Typhoon "
      "Haiyan, known locally as Yolanda, in 2013. The band's drummer Tadhg Lucey, known to fans as Tiny, "
      "survived.");
  size_t kaurna = 0;
  for (const auto& [text, type] : got) {
    if (text != "Kaurna") continue;
    EXPECT_EQ(type, v1::NORP);
    ++kaurna;
  }
  EXPECT_EQ(kaurna, 3u);
  EXPECT_TRUE(HasAll(got, {{"Yolanda", v1::EVENT}, {"Tiny", v1::PERSON}, {"Tadhg Lucey", v1::PERSON}}));
  // A person's, a company's or a place's name before "people" keeps its type,
  // and so does one the knowledge base lacks without "of" or a word of peoples.
  EXPECT_TRUE(HasAll(NamesIn("Donald Trump spoke. Then the Trump people left. Many say the Google people were right."),
                     {{"Trump", v1::PERSON}, {"Google", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("Leaders of the Ogoni people marched to Port Harcourt."), {{"Ogoni", v1::NORP}}));
  for (const auto& [text, type] : NamesIn("The Ryanair people told us the flight was full. The Coldplay people "
                                          "confirmed the dates, and Coldplay will play Croke Park twice."))
    EXPECT_NE(type, v1::NORP) << text;
  // "known ... as" with a place or an agent between is no apposition of that name.
  for (const auto& [text, type] : NamesIn("She was born in Nairobi, known by her family as Wambui.")) {
    if (text == "Wambui") {
      EXPECT_NE(type, v1::LOC);
    }
  }
}

TEST(Engine, PoliceRanksAreTitlesAndLettersAfterANameAreNoPartOfIt) {
  const Named got = NamesIn(
      "Constable Mireille Thibodeau told reporters. Under cross-examination by Ms Una Creedon SC, for the "
      "prosecution, he said no. Judge Gwenllian ap Rhys KC told the court. Labour's Jane Smithers MP spoke.");
  EXPECT_TRUE(HasAll(got, {{"Mireille Thibodeau", v1::PERSON},
                           {"Una Creedon", v1::PERSON},
                           {"Gwenllian ap Rhys", v1::PERSON},
                           {"Jane Smithers", v1::PERSON}}));
  // Capitals that are a name's own word stay ("Mary MacLeod MP" aside, a
  // club's letters after its name are the club's).
  EXPECT_TRUE(HasAll(NamesIn("The painter John Constable was born in Suffolk."), {{"John Constable", v1::PERSON}}));
}

TEST(Engine, APlaceThatIsAListItemIsAPlace) {
  // One-word places of the open-data file are left to the model elsewhere;
  // in a list of bulleted names they are places.
  const Named got = NamesIn("Red alerts were issued for:\n- Kisumu\n- Nakuru\nSchools will stay shut.");
  EXPECT_TRUE(HasAll(got, {{"Kisumu", v1::LOC}, {"Nakuru", v1::LOC}}));
  // Not a list the line above does not say is of places (clubs).
  for (const auto& [text, type] : NamesIn("The promoted clubs are:\n- Leeds\n- Burnley"))
    EXPECT_NE(type, v1::LOC) << text;
}

TEST(Engine, WhereSomeoneWorksIsAnOrganisation) {
  const Named got = NamesIn(
      "\"It is priced in,\" said Marisa Tanjung, a strategist at Pepperstone. Economists at BBVA Mexico "
      "forecast growth of 0.5%. Lars Jensen, a shipping consultant at Vespucci Maritime, agreed. Pepperstone "
      "declined to comment.");
  size_t pepperstones = 0;
  for (const auto& [text, type] : got) {
    if (text != "Pepperstone") continue;
    EXPECT_EQ(type, v1::ORG);
    ++pepperstones;
  }
  EXPECT_EQ(pepperstones, 2u);
  EXPECT_TRUE(HasAll(got, {{"BBVA Mexico", v1::ORG}, {"Vespucci Maritime", v1::ORG}}));
  // A place of the knowledge base, a facility and a place glued to "-based" stay places.
  EXPECT_TRUE(HasAll(NamesIn("Revenue officials at Shannon Airport seized a package. Said a strategist at "
                             "Warsaw-based brokerage Dom Maklerski, a lecturer at Nairobi."),
                     {{"Shannon Airport", v1::LOC}, {"Warsaw", v1::LOC}, {"Nairobi", v1::LOC}}));
}

TEST(Engine, WhereSomethingIsBasedAndSpaceportsArePlaces) {
  const Named got = NamesIn(
      "Siemens Mobility, based in Munich, will supply 120 trains. The rocket lifted off from the Tanegashima "
      "Space Center on Monday; NASA's mission left from Kennedy Space Center.");
  EXPECT_TRUE(HasAll(got, {{"Munich", v1::LOC}, {"Tanegashima Space Center", v1::LOC},
                           {"Kennedy Space Center", v1::LOC}, {"NASA", v1::ORG}}));
  // An organisation's centre stays an organisation's.
  EXPECT_TRUE(HasAll(NamesIn("Researchers at the Nordic Cochrane Centre said so."),
                     {{"Nordic Cochrane Centre", v1::ORG}}));
  // Stadiums, arenas, cathedrals and a parliament's buildings are places.
  EXPECT_TRUE(HasAll(NamesIn("Protesters gathered outside Parliament Buildings in Nairobi. Ginebra won at the Smart "
                             "Araneta Coliseum. A Mass will be held at the Holy Ghost Cathedral in Enugu."),
                     {{"Parliament Buildings", v1::LOC}, {"Smart Araneta Coliseum", v1::LOC},
                      {"Holy Ghost Cathedral", v1::LOC}}));
}

TEST(Engine, InitialsBeforeASurnameWithAParticleAreTheName) {
  const Named got = NamesIn(
      "Senior men: 1 P. van der Berg (BEL) 29:12, 2 Y. Tesfaye (ESP) 29:15. Women's final: Z. Zelazna bt "
      "A. al-Sayed 7-6 6-2. West Indies 173 (S. Hope 74; M. Te Whare 5-41). Senior women: 1 A. N\u00ed Bhriain "
      "(IRL) 27:41.");
  EXPECT_TRUE(HasAll(got, {{"P. van der Berg", v1::PERSON},
                           {"Y. Tesfaye", v1::PERSON},
                           {"A. al-Sayed", v1::PERSON},
                           {"M. Te Whare", v1::PERSON},
                           {"A. N\u00ed Bhriain", v1::PERSON}}));
  // Letters of an abbreviation and a middle initial stay as they were.
  EXPECT_TRUE(HasAll(NamesIn("The U.S. Army said so. John F. Kennedy spoke."),
                     {{"U.S. Army", v1::ORG}, {"John F. Kennedy", v1::PERSON}}));
}

TEST(Engine, LocalOfficesAreTitlesAndJuniorKeepsItsStop) {
  const Named got = NamesIn(
      "\"Nobody should wait,\" said Commissioner Luis Ocampo Jr., who represents Osage Beach. Alderman Jeroen van "
      "den Heuvel and Councilwoman Rita Molloy spoke.");
  EXPECT_TRUE(HasAll(got, {{"Luis Ocampo Jr.", v1::PERSON},
                           {"Jeroen van den Heuvel", v1::PERSON},
                           {"Rita Molloy", v1::PERSON}}));
  EXPECT_TRUE(HasAll(NamesIn("Metropolitan Police Commissioner Mark Rowley apologised to the family."),
                     {{"Metropolitan Police", v1::ORG}, {"Mark Rowley", v1::PERSON}}));
}

TEST(Engine, AmericanPartiesMembersArePeoples) {
  const Named got = NamesIn(
      "Commissioner Darla Shaw, a Republican, said costs had risen. The two Democrats on the commission voted "
      "against. The Republican Party won. Liberal Democrat group leader Antony Hook spoke.");
  EXPECT_TRUE(HasAll(got, {{"Republican", v1::NORP},
                           {"Democrats", v1::NORP},
                           {"Republican Party", v1::ORG},
                           {"Liberal Democrat", v1::ORG}}));
  // Inside longer names, and a headline's capitals, as before.
  EXPECT_TRUE(HasAll(NamesIn("Republican Palace guards were seen in Baghdad. Coptic Christian families fled."),
                     {{"Republican Palace", v1::LOC}, {"Christian", v1::NORP}}));
  EXPECT_TRUE(HasAll(NamesIn("Police Detain Syrian Man After Stabbing In Solingen"), {{"Syrian", v1::NORP}}));
}

TEST(Engine, AnOrganisationBeforeARoleAndAName) {
  const Named got = NamesIn(
      "A court suspended Wingtech founder Zhang Xuezheng. Wingtech denied it. Deutsche Bahn chief executive Evelyn "
      "Palla said Deutsche Bahn would order trains. \"It's emotional,\" said Leafs coach Craig Berube.");
  EXPECT_TRUE(HasAll(got, {{"Wingtech", v1::ORG},
                           {"Zhang Xuezheng", v1::PERSON},
                           {"Deutsche Bahn", v1::ORG},
                           {"Evelyn Palla", v1::PERSON},
                           {"Leafs", v1::ORG},
                           {"Craig Berube", v1::PERSON}}));
  for (const auto& [text, type] : got) {
    if (text == "Wingtech" || text == "Deutsche Bahn") {
      EXPECT_EQ(type, v1::ORG);  // every mention
    }
  }
  // A role's first word is no organisation; a person's name stays a person's.
  const Named left = NamesIn(
      "Chief executive Priya Rai said sales rose. Team boss Stephane Heulot spoke. Taxi driver Ahmed Karim was "
      "attacked. Novak Djokovic won, and Djokovic coach Goran Ivanisevic smiled.");
  EXPECT_TRUE(HasAll(left, {{"Priya Rai", v1::PERSON},
                            {"Stephane Heulot", v1::PERSON},
                            {"Ahmed Karim", v1::PERSON},
                            {"Goran Ivanisevic", v1::PERSON}}));
  for (const auto& [text, type] : left) {
    EXPECT_NE(text, "Chief");
    EXPECT_NE(text, "Team");
    EXPECT_NE(text, "Taxi");
    if (text == "Djokovic") {
      EXPECT_EQ(type, v1::PERSON);  // a person's coach
    }
  }
}

TEST(Engine, AResultsLineWithItsScorersNamesClubsAndPlayers) {
  const Named got = NamesIn(
      "Spanish first division matches played on Sunday:\n\nBarcelona 3 (Ronaldo 21, 58, Luis Figo 77) Espanyol 1 "
      "(Pochettino 49). Attendance 98,000.\nDeportivo Coruna 1 (Bebeto 12) Atletico Madrid 1 (Kiko 39).\n"
      "Borussia Dortmund 1 (Karl-Heinz Riedle 55) Werder Bremen 1 (Marco Bode 70)\n");
  EXPECT_TRUE(HasAll(got, {{"Barcelona", v1::ORG},
                           {"Ronaldo", v1::PERSON},
                           {"Luis Figo", v1::PERSON},
                           {"Pochettino", v1::PERSON},
                           {"Deportivo Coruna", v1::ORG},
                           {"Bebeto", v1::PERSON},
                           {"Karl-Heinz Riedle", v1::PERSON}}));
  for (const auto& [text, type] : got) EXPECT_NE(text, "Attendance");
  // A national side stays its country; no scorers where a bracket names places; the scoring's words go.
  const Named more = NamesIn(
      "Results on Wednesday:\n\nBrazil 3 (Ronaldo 12, Bebeto 40) Russia 1 (Kiriakov 60)\nLazio 1 (Penalty "
      "Signori 55) Roma 0\nSurrey 355 (G. Thorpe 85) Kent 210 (de Boer 70)\n");
  EXPECT_TRUE(HasAll(more, {{"Brazil", v1::LOC},
                            {"Russia", v1::LOC},
                            {"Kiriakov", v1::PERSON},
                            {"Signori", v1::PERSON},
                            {"G. Thorpe", v1::PERSON},
                            {"de Boer", v1::PERSON}}));
  for (const auto& [text, type] : more) EXPECT_NE(text, "Penalty Signori");
  // A seeding before a player: the number and the dash are no context of the name.
  EXPECT_TRUE(HasAll(NamesIn("Results (prefix denotes seeding):\n\n1 - Pete Sampras (U.S.) beat Dragan Vukelic "
                             "(Yugoslavia) 6-3 6-2 6-4\n2 - Monica Seles (U.S.) beat Ludmila Richterova 6-0 6-4\n"),
                     {{"Pete Sampras", v1::PERSON}, {"Monica Seles", v1::PERSON}}));
  // Prose with a number and a bracket is no results line.
  for (const auto& [text, type] : NamesIn("Smith scored 2 (a header) and Jones 3 as the hosts won.")) {
    EXPECT_EQ(type, v1::PERSON) << text;
  }
}

TEST(Engine, SenIsASurnameAfterAGivenName) {
  const Named got = NamesIn(
      "Cambodian leader Hun Sen met the king on Monday. Economist Amartya Sen won the Nobel prize. Sen. Amy "
      "Klobuchar, a Democrat, said the bill would pass.");
  EXPECT_TRUE(HasAll(got, {{"Hun Sen", v1::PERSON}, {"Amartya Sen", v1::PERSON}, {"Amy Klobuchar", v1::PERSON}}));
  for (const auto& [text, type] : got) {
    EXPECT_NE(text, "Sen. Amy Klobuchar");
    EXPECT_NE(text, "Sen");  // the title is no repeat of the surname
  }
  EXPECT_TRUE(HasAll(NamesIn("The Sun Yat Sen memorial was closed on Monday."), {{"Sun Yat Sen", v1::PERSON}}));
}

TEST(Engine, ALowerCaseCommonNounEndsAKnowledgeBaseName) {
  const Named got = NamesIn(
      "The official Xinhua news agency said on Monday. Traders in Lagos, Ogun and Oyo states waited. The "
      "Korean war ended in 1953. Kenyan President Daniel arap Moi met the Palestinian Authority's envoy.");
  EXPECT_TRUE(HasAll(got, {{"Xinhua", v1::ORG},
                           {"Oyo", v1::LOC},
                           {"Daniel arap Moi", v1::PERSON},
                           {"Palestinian Authority", v1::ORG}}));
  for (const auto& [text, type] : got) {
    EXPECT_NE(text, "Xinhua news agency");
    EXPECT_NE(text, "Oyo states");
  }
}

TEST(Engine, APressDigestsPapersOnLinesOfTheirOwn) {
  const Named got = NamesIn(
      "KENYA - PRESS DIGEST - SEPT 5.\n\nNAIROBI 1996-09-05\n\nLeading stories in the Kenyan press on "
      "Thursday:\n\nDAILY NATION\n- Opposition leader Kenneth Matiba says his party will boycott the elections.\n"
      "\nKENYA TIMES\n- President Moi tells his party to prepare.\n");
  EXPECT_TRUE(HasAll(got, {{"DAILY NATION", v1::ORG}, {"KENYA TIMES", v1::ORG}, {"NAIROBI", v1::LOC}}));
  for (const auto& [text, type] : got) EXPECT_NE(text, "PRESS DIGEST");
  // A section's heading is no paper.
  for (const auto& [text, type] : NamesIn("RUSSIA - PRESS DIGEST - SEPT 5.\n\nMOSCOW 1996-09-05\n\nLeading "
                                          "stories in the Russian press:\n\nPOLITICS\n- The Duma met.\n"))
    EXPECT_NE(text, "POLITICS");
  // A paper's name of parts glued by hyphens.
  EXPECT_TRUE(HasAll(NamesIn("JORDAN PRESS DIGEST - DEC 17.\nAMMAN 1996-12-17\nHeadlines from major Jordanian "
                             "newspapers on Tuesday:\nAL-RAI\n- King Hussein receives an envoy.\nAL-DUSTOUR\n- "
                             "Parliament will debate the budget.\n"),
                     {{"AL-RAI", v1::ORG}, {"AL-DUSTOUR", v1::ORG}}));
}

TEST(Engine, TwoCompaniesJoinedByAndAreTwo) {
  const Named got = NamesIn(
      "The bank said it would not follow Union Bank of Switzerland and Swiss Bank Corp in cutting jobs. Shares "
      "of Procter and Gamble Co rose.");
  EXPECT_TRUE(HasAll(got, {{"Union Bank of Switzerland", v1::ORG}, {"Swiss Bank Corp", v1::ORG}}));
  for (const auto& [text, type] : got) {
    EXPECT_NE(text, "Gamble Co");  // one word before "and" is no name of its own
  }
  EXPECT_TRUE(HasAll(NamesIn("Pacific Gas and Electric Co said on Monday it would cut jobs."),
                     {{"Pacific Gas and Electric Co", v1::ORG}}));
}

TEST(Engine, AMalayPatronymJoinsTheName) {
  const Named got = NamesIn("The coalition named Nurul Syazwani binti Ismail, a 34-year-old lawyer, as its candidate.");
  EXPECT_TRUE(HasAll(got, {{"Nurul Syazwani binti Ismail", v1::PERSON}}));
}

TEST(Engine, ACompanysKindBeforeItsNameMakesItACompany) {
  const Named got = NamesIn(
      "Nigerian payments firm Paystrive said on Tuesday it had raised money. Paystrive, backed by investors, "
      "serves traders. Stuttgart-based start-up Kreidler Sensorik hired staff. The banks' lobby group Febraban "
      "objected. Chipmaker Qorvantis said sales rose. Shares in the insurer Halvest fell.");
  EXPECT_TRUE(HasAll(got, {{"Paystrive", v1::ORG},
                           {"Kreidler Sensorik", v1::ORG},
                           {"Febraban", v1::ORG},
                           {"Qorvantis", v1::ORG},
                           {"Halvest", v1::ORG}}));
  for (const auto& [text, type] : got) {
    if (text == "Paystrive") {
      EXPECT_EQ(type, v1::ORG);  // its second mention too
    }
    EXPECT_NE(text, "Chipmaker Qorvantis");
  }
  const Named left = NamesIn(
      "The company CEO Tim Cook said sales were strong. Patients with blood group O donated. In group D, "
      "France beat Australia. The company Jones founded in 1990 went bust. Bank Holiday traffic was heavy. "
      "Insurer Aviva Cuts 1,000 Jobs In Norwich. He is a firm Trump supporter. The group Nigel Farage leads "
      "won. Insurer Hartford raised its outlook. The company is based in Hartford.");
  EXPECT_TRUE(HasAll(left, {{"Tim Cook", v1::PERSON}, {"Jones", v1::PERSON}, {"Nigel Farage", v1::PERSON}}));
  for (const auto& [text, type] : left) {
    EXPECT_NE(text, "CEO");
    EXPECT_NE(text, "O");
    EXPECT_NE(text, "D");
    EXPECT_NE(text, "Holiday");
    EXPECT_NE(text, "Aviva Cuts");
    if (text == "Trump") {
      EXPECT_EQ(type, v1::PERSON);
    }
  }
  int hartford_places = 0;
  for (const auto& [text, type] : left) hartford_places += text == "Hartford" && type == v1::LOC;
  EXPECT_GE(hartford_places, 1) << "the place is not carried to the company";
}

// A plural is matched to the knowledge base's one-word name ("the
// Assads"), but not an organisation's name made plural first in a sentence,
// where it is the common noun ("Economists expect ..." is not The
// Economist).
TEST(Engine, APluralFirstInASentenceIsNoOrganisation) {
  const Named got = NamesIn("Economists expect rates to fall. The Economist disagreed. Assads have ruled Syria.");
  EXPECT_TRUE(HasAll(got, {{"Economist", v1::ORG}, {"Assads", v1::PERSON}, {"Syria", v1::LOC}}));
  for (const auto& [text, type] : got) EXPECT_NE(text, "Economists");
}

// What the second surname, the possessive facility and the summit leave
// alone (a review's regressions of their first versions).
TEST(Engine, PairsPossessivesAndMountainsKeepTheirNames) {
  const Named got = NamesIn(
      "The Donald Trump-Vance ticket won. The Ed Miliband-Net Zero agenda stalled. Google's Street View cars "
      "passed. Chelsea's Academy won. St Petersburg's Palace Square filled. Snow closed the Snowdon Summit "
      "visitor centre. The Garda said a man was arrested. Economist Thabisile Nkosi-Dlamini of Absa spoke.");
  EXPECT_TRUE(HasAll(got, {{"Donald Trump", v1::PERSON},
                           {"Ed Miliband", v1::PERSON},
                           {"Google", v1::ORG},
                           {"St Petersburg", v1::LOC},
                           {"Palace Square", v1::LOC},
                           {"Garda", v1::ORG},
                           {"Thabisile Nkosi-Dlamini", v1::PERSON}}));
  for (const auto& [text, type] : got) {
    EXPECT_NE(type, v1::EVENT) << text;  // the mountain top, whatever else it is
    EXPECT_EQ(text.find("'s "), std::string::npos) << text;
    EXPECT_NE(text, "Economist");
  }
}

// Two people in a compound before a noun that pairs them are two names;
// a combining form is no name ("Franco-German" is not General Franco).
TEST(Engine, PairedPeopleAreTwoNamesAndCombiningFormsNone) {
  const Named got = NamesIn(
      "The Trump-Xi summit ended. The Joe Biden-Kamala Harris ticket won. The Donald Trump-Vance ticket won. "
      "US-China talks resumed. Mary Robinson-English Heritage talks stalled. Franco-German relations improved. "
      "The Georgia Harrison-Nicole Richie meeting was tense.");
  EXPECT_TRUE(HasAll(got, {{"Trump", v1::PERSON},
                           {"Xi", v1::PERSON},
                           {"Joe Biden", v1::PERSON},
                           {"Kamala Harris", v1::PERSON},
                           {"Donald Trump", v1::PERSON},
                           {"Vance", v1::PERSON},
                           {"US", v1::LOC},
                           {"China", v1::LOC},
                           {"Mary Robinson", v1::PERSON},
                           {"German", v1::NORP},
                           {"Georgia Harrison", v1::PERSON},  // a side a person's candidate reached, though
                           {"Nicole Richie", v1::PERSON}}));  // "Georgia" begins a place's name
  for (const auto& [text, type] : got) {
    EXPECT_NE(text, "Franco");
    EXPECT_NE(text, "English Heritage");
  }
  // One person's hyphenated name stays one; an institution is no person;
  // a combining form before a person's name is the other person.
  const Named one = NamesIn(
      "Voters watched the Jean-Claude Juncker meeting. The Jacob Rees-Mogg debate turned heated. The "
      "Anne-Marie Trevelyan meeting went well. The Trump-Harvard fight escalated. The Franco-Hitler meeting "
      "at Hendaye took place in 1940.");
  EXPECT_TRUE(HasAll(one, {{"Jean-Claude Juncker", v1::PERSON},
                           {"Jacob Rees-Mogg", v1::PERSON},
                           {"Anne-Marie Trevelyan", v1::PERSON},
                           {"Trump", v1::PERSON},
                           {"Franco", v1::PERSON},
                           {"Hitler", v1::PERSON}}));
  for (const auto& [text, type] : one)
    EXPECT_FALSE(text == "Harvard" && type == v1::PERSON) << "a university, not a person";
}

TEST(Engine, TitlesStayOutsideNamesAndNationalCompaniesAreWhole) {
  EXPECT_EQ(NamesIn(
      "Prime Minister Narendra Modi met Vice President Kamala Harris. The Prime Minister said no. "
      "British Airways and Virgin Atlantic cut flights, and he flew British Airways home. "
      "He met Foreign Minister Khurshid Kasuri and Grand Ayatollah Ali al-Sistani. "
      "NATO Secretary-General Jaap de Hoop Scheffer asked for an inquiry."),
            (Named{
      {"Narendra Modi", v1::PERSON},   {"Kamala Harris", v1::PERSON}, {"British Airways", v1::ORG},
      {"Virgin Atlantic", v1::ORG},    {"British Airways", v1::ORG},   {"Khurshid Kasuri", v1::PERSON},
      {"Ali al-Sistani", v1::PERSON},  {"NATO", v1::ORG},               {"Jaap de Hoop Scheffer", v1::PERSON}}));
}

// The knowledge base's one-word alias of a person (a surname) after
// another given name is another person, not linked to the KB's.
TEST(Engine, AKnownSurnameAfterAnotherGivenNameIsAnotherPerson) {
  auto d = EnrichText("Ed Miliband and David Miliband spoke. Miliband left early.");
  std::vector<std::tuple<std::string, v1::EntityType, std::string>> got;
  for (const auto& e : d.entities()) got.emplace_back(e.text(), e.type(), e.id());
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0], std::make_tuple(std::string("Ed Miliband"), v1::PERSON, std::string("Q10648")));
  EXPECT_EQ(std::get<0>(got[1]), "David Miliband");
  EXPECT_EQ(std::get<1>(got[1]), v1::PERSON);
  EXPECT_NE(std::get<2>(got[1]), "Q10648");
  EXPECT_EQ(got[2], std::make_tuple(std::string("Miliband"), v1::PERSON, std::string("Q10648")));
}

// A place glued to "-based" or "-born" is a place, as the contract tags
// the name part of a compound ("US-backed" -> "US").
TEST(Engine, APlaceBeforeBasedIsAPlace) {
  EXPECT_EQ(NamesIn(
      "The Paris-based agency, the Brussels-based lobby and a New York-based firm met the Secretary of State."),
            (Named{
      {"Paris", v1::LOC}, {"Brussels", v1::LOC}, {"New York", v1::LOC}}));
}

// A wire story's dateline names a place, whatever agency or dash follows;
// the UK's nations are countries (LOC) as the contract has countries, and
// a place a longer name goes on from ("New England") is left whole.
TEST(Engine, DatelinesAndTheUksNationsArePlaces) {
  EXPECT_EQ(NamesIn(
      "TEHRAN - Iran fired missiles at two bases.\n"
      "KABUL (Reuters) - The talks ended.\n"
      "JOHANNESBURG, South Africa - England face Wales and Scotland meet Kenya Airways staff in early New England."),
            (Named{
      {"TEHRAN", v1::LOC},      {"Iran", v1::LOC},  {"KABUL", v1::LOC},          {"Reuters", v1::ORG},
      {"JOHANNESBURG", v1::LOC}, {"South Africa", v1::LOC}, {"England", v1::LOC}, {"Wales", v1::LOC},
      {"Scotland", v1::LOC},    {"Kenya Airways", v1::ORG}, {"New England", v1::LOC}}));
  // A dateline's city that is also a company's short form ("Cincinnati" of
  // Cincinnati Financial) is the city.
  EXPECT_TRUE(HasAll(NamesIn("TENNIS - RESULTS.\nCINCINNATI 1996-08-24\nTop seed Pete Sampras won."),
                     {{"CINCINNATI", v1::LOC}, {"Pete Sampras", v1::PERSON}}));
  // So before its state or country and the dateline's dash ("RUTHERFORD"
  // had been the place alone).
  EXPECT_TRUE(HasAll(NamesIn("EAST RUTHERFORD, New Jersey - Morocco reached the final.\n"
                             "BAD HOMBURG, Germany - Fresenius said."),
                     {{"EAST RUTHERFORD", v1::LOC}, {"BAD HOMBURG", v1::LOC}}));
  // A place the knowledge base lacks, before its country and the date or
  // the agency, is a place too (the model had "AL-AIN" as ORG).
  EXPECT_TRUE(HasAll(NamesIn("SOCCER - CUP HOLDERS WIN.\nAL-AIN , United Arab Emirates 1996-12-06\nJapan beat Syria."),
                     {{"AL-AIN", v1::LOC}, {"United Arab Emirates", v1::LOC}}));
  EXPECT_TRUE(HasAll(NamesIn("RAS AL KHAIMAH, United Arab Emirates (Reuters) - The port reopened."),
                     {{"RAS AL KHAIMAH", v1::LOC}}));
  // "Buffalo", an English word, is not in the knowledge base; the agency's
  // bracket after its state makes the line a dateline.
  EXPECT_TRUE(HasAll(NamesIn("BUFFALO, N.Y. (AP) -- A doctor was shot dead in his home on Friday."),
                     {{"BUFFALO", v1::LOC}}));
  // Or after its state's abbreviation, a comma and the story's date.
  EXPECT_TRUE(HasAll(NamesIn("Teen Wins Title\n\nBRADENTON, Fla., Dec 6 (AP) \u2014 Sevara Tsoi, 16, won the title."),
                     {{"BRADENTON", v1::LOC}}));
  for (const auto& [text, type] : NamesIn("UPDATE, Fla., Dec 6 (AP) - Storms hit the coast on Friday."))
    EXPECT_NE(text, "UPDATE") << text;
  // Or after its region of the knowledge base, a comma and the date; and a
  // company named after it does not make it the company's ("Iqaluit" the
  // place, "Iqaluit Nukkiksautiit Corporation" the company).
  const Named iqaluit = NamesIn(
      "Iqaluit by-election turns on water and power\n\nIQALUIT, Nunavut, Dec. 8 (Canadian Press) - Voters elected "
      "a nurse on Monday. Iqaluit declared an emergency in 2021. A project backed by Iqaluit Nukkiksautiit "
      "Corporation would cut diesel use.");
  EXPECT_TRUE(HasAll(iqaluit, {{"IQALUIT", v1::LOC}, {"Iqaluit Nukkiksautiit Corporation", v1::ORG}}));
  for (const auto& [text, type] : iqaluit) {
    if (text == "Iqaluit") {
      EXPECT_EQ(type, v1::LOC) << text;
    }
  }
}

// A company named by its web address is one organisation, its legal form
// included; an address in a link is no name.
TEST(Engine, CompaniesNamedByTheirWebAddressAreWhole) {
  EXPECT_EQ(NamesIn(
      "Amazon.com Inc reported results, Booking.com and Salesforce.com Inc rose. See www.example.com/Booking.com.x for more."),
            (Named{
      {"Amazon.com Inc", v1::ORG}, {"Booking.com", v1::ORG}, {"Salesforce.com Inc", v1::ORG}}));
}

// A hyphenated name before a company's legal form is the company, and so is
// the same name elsewhere in the document; a hyphenated adjective is not.
TEST(Engine, AHyphenatedCompanyBeforeItsLegalFormIsOneOrganisation) {
  const Named got = NamesIn(
      "Daimler-Benz shares rise.\nShares in Daimler-Benz AG rose on Thursday, and the Anglo-French talks went on.");
  EXPECT_TRUE(HasAll(got, {{"Daimler-Benz", v1::ORG}, {"Daimler-Benz AG", v1::ORG}}));
  for (const auto& [text, type] : got) EXPECT_EQ(text.find("Anglo"), std::string::npos) << text;
  // "Cos." and the like too (IsLegalForm), with its stop inside a sentence.
  EXPECT_TRUE(HasAll(NamesIn("Anheuser-Busch Cos. said sales slowed."), {{"Anheuser-Busch Cos.", v1::ORG}}));
}

// A name that ends in a company's legal form is a company; a place the
// model ran into it after "in" is a place of its own.
TEST(Engine, ANameEndingInALegalFormIsAnOrganisation) {
  const Named got = NamesIn("Norton Co said profit rose, and in Paris Elf Aquitaine SA slipped.");
  EXPECT_TRUE(HasAll(got, {{"Norton Co", v1::ORG}, {"Paris", v1::LOC}, {"Elf Aquitaine SA", v1::ORG}}));
}

// A company the document names by its first word alone is a company; a
// person or place an institution is named after stays what it is.
TEST(Engine, ACompanyNamedByItsFirstWordAloneIsACompany) {
  const Named got = NamesIn(
      "Sansui Electric Co. said profit rose. Sansui said sales of its amplifiers doubled. "
      "Visitors to the Truman Presidential Library heard that Truman had planned it.");
  EXPECT_TRUE(HasAll(got, {{"Sansui Electric Co.", v1::ORG}, {"Sansui", v1::ORG}}));
  // British and Indian forms, written lower case or in full.
  EXPECT_TRUE(HasAll(NamesIn("Halma plc bought a sensor maker. Halma said the deal would add to earnings. "
                             "Wipro Limited won a contract, Wipro said."),
                     {{"Halma", v1::ORG}, {"Wipro", v1::ORG}}));
  for (const auto& [text, type] : got) {
    if (text == "Truman") {
      EXPECT_EQ(type, v1::PERSON);
    }
  }
}

// A name the document calls a company in an apposition is a company, in
// each of its mentions; a person beside a company noun that is no head
// stays a person.
TEST(Engine, ANameCalledACompanyInAnAppositionIsACompany) {
  const Named got = NamesIn(
      "TORONTO - Qubitra, a quantum computing start-up based in Waterloo, raised money. Qubitra builds "
      "processors. Humain, the AI company backed by the fund, signed a deal. Humain will build data centres. "
      "John Smith, a former bank employee, said Smith would sue.");
  EXPECT_TRUE(HasAll(got, {{"Qubitra", v1::ORG}, {"Humain", v1::ORG}, {"John Smith", v1::PERSON}}));
  for (const auto& [text, type] : got) {
    if (text == "Qubitra" || text == "Humain") {
      EXPECT_EQ(type, v1::ORG) << text;
    }
    if (text == "Smith") {
      EXPECT_EQ(type, v1::PERSON);
    }
  }
  // A group's or a lab's apposition, its noun before "led" or "co-founded".
  EXPECT_TRUE(HasAll(NamesIn("Bolt, the Tallinn ride-hailing group led by Markus Villig, said so. Lovable, a "
                             "Stockholm coding start-up co-founded by Anton Osika, grew. Sakana AI, the Tokyo lab "
                             "whose name means fish, hired."),
                     {{"Bolt", v1::ORG}, {"Lovable", v1::ORG}, {"Sakana AI", v1::ORG}}));
  // A person's apposition with such a noun after a preposition or before
  // its head stays a person's.
  EXPECT_TRUE(HasAll(NamesIn("Hassan, a member of the group led by Omar, spoke. Sarah, the group leader, said so."),
                     {{"Hassan", v1::PERSON}, {"Sarah", v1::PERSON}}));
}

// A wire story's first name, right after its dateline, is whole: the
// dateline is no context of it (the model had lost "Jasprit" before "- ").
TEST(Engine, TheFirstNameAfterAWireDatelineIsWhole) {
  EXPECT_TRUE(HasAll(NamesIn("PERTH, Nov 25 (Reuters) - Jasprit Bumrah took five for 33 as India won."),
                     {{"PERTH", v1::LOC}, {"Jasprit Bumrah", v1::PERSON}}));
  EXPECT_TRUE(HasAll(NamesIn("MADRID (Reuters) - Banco Santander said on Tuesday its profit rose."),
                     {{"Banco Santander", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("LONDON, March 3 (Reuters) - Moises Caicedo scored twice."),
                     {{"Moises Caicedo", v1::PERSON}}));
}

// The office of a post named by its possessive is one organisation, with
// the county or district before it.
TEST(Engine, AnOfficeNamedByItsPostIsOneOrganisation) {
  const Named got = NamesIn(
      "A spokesman for the Harris County Sheriff's Office said two men were arrested. "
      "The Manhattan District Attorney's Office declined to comment.");
  EXPECT_TRUE(HasAll(got, {{"Harris County Sheriff's Office", v1::ORG},
                           {"Manhattan District Attorney's Office", v1::ORG}}));
  EXPECT_EQ(got.size(), 2u);
}

// A race named by its place is one event.
TEST(Engine, ARaceNamedByItsPlaceIsOneEvent) {
  const Named got = NamesIn(
      "Verstappen won the Saudi Arabian Grand Prix after the Bahrain Grand Prix. Pogacar won the Tour de France.");
  EXPECT_TRUE(HasAll(got, {{"Saudi Arabian Grand Prix", v1::EVENT},
                           {"Bahrain Grand Prix", v1::EVENT},
                           {"Tour de France", v1::EVENT}}));
  // Formula E's races the same; a name going on after "E-Prix" is no race.
  const Named fe = NamesIn(
      "Wehrlein won the São Paulo E-Prix on Saturday. The Mexico City E-Prix follows. The Monaco E-Prix Committee met.");
  EXPECT_TRUE(HasAll(fe, {{"São Paulo E-Prix", v1::EVENT}, {"Mexico City E-Prix", v1::EVENT}}));
  for (const auto& [text, type] : fe) EXPECT_FALSE(text.starts_with("Monaco") && type == v1::EVENT) << text;
}

// A body's or a meeting's name goes on after its head through "of" and what
// it is of; not into a person's name, nor into another body after "and".
TEST(Engine, ANameGoesOnThroughOfAfterItsHead) {
  const Named got = NamesIn(
      "They met at the World Festival of Black Arts in Dakar. Fossils went to the Swedish Museum of Natural "
      "History. Workers struck as the General Confederation of Labour (CGT) marched. The Export-Import Bank of "
      "the United States and UK Export Finance backed it.");
  EXPECT_TRUE(HasAll(got, {{"World Festival of Black Arts", v1::EVENT},
                           {"Swedish Museum of Natural History", v1::ORG},
                           {"General Confederation of Labour", v1::ORG},
                           {"Export-Import Bank of the United States", v1::ORG}}));
  for (const auto& [text, type] : got) EXPECT_EQ(text.find("UK Export"), std::string::npos) << text;
  const Named person = NamesIn("The Festival of Mozart ended on Sunday.");
  for (const auto& [text, type] : person) EXPECT_NE(text, "Festival of Mozart");
}

// An Arabic article glued in lower case before a capital begins the name,
// for the knowledge base and the model's spans; not inside a name.
TEST(Engine, AnArabicArticleInLowerCaseBeginsTheName) {
  const Named got = NamesIn(
      "Fighting between government forces and al-Shabaab went on. The militia, known in Iraq as al-Hashd "
      "al-Shaabi, denied it. Caravans crossed the oasis of Dumat al-Jandal.");
  EXPECT_TRUE(HasAll(got, {{"al-Shabaab", v1::ORG}, {"al-Hashd al-Shaabi", v1::ORG}}));
  for (const auto& [text, type] : got) EXPECT_NE(text, "al-Jandal");
}

// A journal named by an ordinary word after a word of publishing.
TEST(Engine, JournalsOfOneWordAfterAWordOfPublishing) {
  EXPECT_TRUE(HasAll(NamesIn("The team reported it in a study published on Wednesday in Nature."),
                     {{"Nature", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("Amino acids were reported in Science in October."), {{"Science", v1::ORG}}));
  EXPECT_TRUE(NamesIn("He believes in Science.").empty());
  EXPECT_TRUE(NamesIn("The report says nothing about phones in Nature reserves.").empty());
}

// Titles shortened with a stop stay outside the name, stop and all.
TEST(Engine, AbbreviatedRanksStayOutsideTheName) {
  const Named got = NamesIn(
      "Lt. Gen. Walter Boomer spoke after Gen. Colin Powell. Sgt. Derek Glenn, a spokesman, and Rep. Nancy "
      "Pelosi agreed.");
  EXPECT_TRUE(HasAll(got, {{"Walter Boomer", v1::PERSON},
                           {"Colin Powell", v1::PERSON},
                           {"Derek Glenn", v1::PERSON},
                           {"Nancy Pelosi", v1::PERSON}}));
  for (const auto& [text, type] : got) EXPECT_EQ(text.find('.'), std::string::npos) << text;
}

// An organisation, a corporate title and a name are an ORG and a PERSON.
TEST(Engine, ACorporateTitleSplitsTheOrganisationFromThePerson) {
  EXPECT_TRUE(HasAll(NamesIn("He met IMF Managing Director Kristalina Georgieva in Buenos Aires."),
                     {{"IMF", v1::ORG}, {"Kristalina Georgieva", v1::PERSON}}));
  EXPECT_TRUE(HasAll(NamesIn("FBI Director Louis Freeh said the U.S. government is on alert."),
                     {{"FBI", v1::ORG}, {"Louis Freeh", v1::PERSON}}));
}

// A nationality before a company with a trade word in its name is part of
// it, and so before a party's name (the guidelines' longest name: "Chinese
// Communist Party" is the party's name); before an armed group it stays
// apart.
TEST(Engine, ANationalityBeginsANationalCompanysName) {
  const Named got = NamesIn(
      "The Nigerian National Petroleum Company (NNPC) said output rose. The Chinese Communist Party met. "
      "The Lebanese Hezbollah fired rockets.");
  EXPECT_TRUE(HasAll(got, {{"Nigerian National Petroleum Company", v1::ORG},
                           {"Chinese Communist Party", v1::ORG},
                           {"Lebanese", v1::NORP},
                           {"Hezbollah", v1::ORG}}));
}

// A place's feature or institution named with "of" and the place is one
// name; a title before "of" is not.
TEST(Engine, AFeatureOrInstitutionOfAPlaceIsOneName) {
  const Named got = NamesIn(
      "Tankers crossed the Strait of Hormuz. Tourists visited the Tower of London. The Church of England met. "
      "He studied at the University of Texas at Austin. King Abdullah of Jordan left.");
  EXPECT_TRUE(HasAll(got, {{"Strait of Hormuz", v1::LOC},
                           {"Tower of London", v1::LOC},
                           {"Church of England", v1::ORG},
                           {"University of Texas at Austin", v1::ORG},
                           {"Jordan", v1::LOC}}));
  // A university "at" an organisation is two names.
  EXPECT_TRUE(HasAll(NamesIn("The study was led by Tsinghua University at Alibaba. Researchers from Stanford "
                             "University at Google DeepMind said so."),
                     {{"Tsinghua University", v1::ORG},
                      {"Alibaba", v1::ORG},
                      {"Stanford University", v1::ORG},
                      {"Google DeepMind", v1::ORG}}));
}

// The rows of a sports page's tables (enrich/names/tables.h).
// On a sports page a town the page names as a club elsewhere is the club,
// except after a place's preposition.
TEST(Engine, AClubNamedByItsTownOnASportsPage) {
  const Named got = NamesIn(
      "Barcelona drew 1-1 with Sevilla, and Real Madrid moved four points clear of Barcelona. "
      "The final will be played in Barcelona.");
  int orgs = 0, locs = 0;
  for (const auto& [text, type] : got) {
    if (text != "Barcelona") continue;
    orgs += type == v1::ORG;
    locs += type == v1::LOC;
  }
  EXPECT_EQ(orgs, 2);
  EXPECT_EQ(locs, 1);
}

// A winning margin makes a sports page as a score does, and a place before
// a team's role there is the club, in each of its mentions; a country
// stays a place.
TEST(Engine, ClubsByTheirMarginsAndTheirRoles) {
  const Named got = NamesIn(
      "Collingwood beat Essendon by 31 points in the Anzac Day clash at the MCG. Essendon coach Brad Scott "
      "said his side had fought hard. Cardiff hit back late. \"We never stopped believing,\" said Cardiff "
      "coach Matt Sherratt. India captain Rohit Sharma watched.");
  EXPECT_TRUE(HasAll(got, {{"Collingwood", v1::ORG}, {"India", v1::LOC}, {"Brad Scott", v1::PERSON}}));
  for (const auto& [text, type] : got) {
    if (text == "Essendon" || text == "Cardiff") {
      EXPECT_EQ(type, v1::ORG) << text;
    }
  }
  // Markets move by points too: no sports page there.
  EXPECT_TRUE(HasAll(NamesIn("The Dow fell by 300 points on Friday. Boston chairman John Smith resigned."),
                     {{"Boston", v1::LOC}}));
}

TEST(Tables, ARaceCardsJockeysArePeopleAndItsHorsesNoNames) {
  const Named got = NamesIn(
      "Results of races at York on Wednesday :\n2.05 - 1. Royal Tapestry ( Pat Eddery ) 5-2 , 2. Silver Kestrel "
      "( Kieren Fallon ) 7-1 , 3. Mister Baileys ( Jason Weaver ) 11-4 fav .\n");
  EXPECT_TRUE(HasAll(got, {{"York", v1::LOC}, {"Pat Eddery", v1::PERSON}, {"Kieren Fallon", v1::PERSON}}));
  for (const auto& [text, type] : got) {
    EXPECT_NE(text, "Royal Tapestry");
    EXPECT_NE(text, "Silver Kestrel");
  }
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

TEST(Tables, AResultsRowWithANoteAfterItsLastScore) {
  const Named got = NamesIn("NHL results :\nPhiladelphia 3 N.Y. RANGERS 3 (OT)\nNew York 7 SEATTLE 6 ( in 10 innings )\n");
  EXPECT_TRUE(HasAll(got, {{"Philadelphia", v1::ORG},
                           {"N.Y. RANGERS", v1::ORG},
                           {"New York", v1::ORG},
                           {"SEATTLE", v1::ORG}}));
}

TEST(Tables, ABaseballStandingsRowNamesATeamNotItsCity) {
  const Named got = NamesIn(
      "AMERICAN LEAGUE\nEASTERN DIVISION\nW L PCT GB\nNEW YORK 74 58 .561 -\nBALTIMORE 70 62 .530 4\n");
  EXPECT_TRUE(HasAll(got, {{"NEW YORK", v1::ORG}, {"BALTIMORE", v1::ORG}}));
}

TEST(Tables, APressDigestsRowsBeginWithNewspapers) {
  const Named got = NamesIn(
      "GREECE - PRESS DIGEST - AUG 30 .\nATHENS 1996-08-30\nHeadlines in major Greek newspapers :\n"
      "TA NEA -- Simitis to announce election date .\nKATHIMERINI -- Government plans new taxes .\n");
  EXPECT_TRUE(HasAll(got, {{"GREECE", v1::LOC}, {"TA NEA", v1::ORG}, {"KATHIMERINI", v1::ORG}}));
  // Not in a story that is no digest (a paper the knowledge base does not
  // list: since the thirty-sixth session's media it knows Kathimerini).
  for (const auto& [text, type] : NamesIn("WASHINGTON 1996-08-30\nFirst line .\nAPOGEVMATINI -- no digest .\n"))
    EXPECT_NE(text, "APOGEVMATINI");
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

// "IS" the verb in a shouted line is no Islamic State; "IS" the group is.
TEST(Engine, IsTheVerbInCapitalsIsNoGroup) {
  const Named got = NamesIn("CHINA IS THE WORLDS BIGGEST POLLUTER. MODI IS STILL PM. IS FIGHTERS RETREAT FROM MOSUL.");
  EXPECT_EQ(std::count_if(got.begin(), got.end(), [](const auto& n) { return n.first == "IS"; }), 1);
  EXPECT_TRUE(HasAll(got, {{"CHINA", v1::LOC}, {"IS", v1::ORG}, {"MOSUL", v1::LOC}}));
}

// A name the knowledge base lacks is named as written: words that touch in
// the text stay together ("SocialistWorker.org", "AT&T"), not "AT & T".
// "U.S" without its stop is the United States wherever it stands.
// Each mention's text -> its name.
std::map<std::string, std::string> NameOfEachMention(const std::string& text) {
  const v1::EnrichedDocument d = EnrichText(text);
  std::map<std::string, std::string> names;
  for (const auto& m : d.entities()) names[m.text()] = m.name();
  return names;
}

TEST(Engine, ANewNameIsNamedAsWritten) {
  auto names = NameOfEachMention(
      "Read it at SocialistWorker.org today. AT&T and Verizon rose. Putin warned the U.S and its allies.");
  EXPECT_EQ(names["SocialistWorker.org"], "SocialistWorker.org");
  EXPECT_EQ(names["AT&T"], "AT&T");
  EXPECT_EQ(names["U.S"], "United States");
}

// An organisation's name is tagged without a leading "The", as the
// guidelines' spans are, its canonical name unchanged.
TEST(Engine, AnOrganisationsLeadingTheStaysOutOfItsSpan) {
  auto names = NameOfEachMention("The New York Times and The Walt Disney Company reported. The guardian of truth.");
  EXPECT_EQ(names["New York Times"], "The New York Times");
  EXPECT_EQ(names["Walt Disney Company"], "The Walt Disney Company");
  EXPECT_EQ(names.count("The New York Times"), 0u);
  EXPECT_EQ(names.count("The guardian"), 0u);
  // A one-word rest ("Guardian") only where the KB lists it as an alias.
  const v1::EnrichedDocument g = EnrichText("The Guardian and The Economist reported.");
  std::vector<std::string> texts;
  for (const auto& m : g.entities()) texts.push_back(m.text());
  EXPECT_EQ(texts, (std::vector<std::string>{"Guardian", "Economist"}));
}

// Places written without their accents are the knowledge base's places;
// a transliteration's macrons are not part of an English name; a short
// word is not a place for lack of an accent.
TEST(Engine, PlacesWithoutTheirAccentsAreTheKnowledgeBasesPlaces) {
  auto d = EnrichText("He flew from Sao Paulo to Zurich, then to Islamabad and Cote d'Ivoire. Hit the road.");
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& e : d.entities()) got.emplace_back(e.text(), e.name());
  const std::vector<std::pair<std::string, std::string>> want = {
      {"Sao Paulo", "São Paulo"}, {"Zurich", "Zürich"}, {"Islamabad", "Islamabad"}, {"Cote d'Ivoire", "Côte d'Ivoire"}};
  EXPECT_EQ(got, want);
  for (const auto& e : d.entities()) EXPECT_EQ(e.type(), v1::LOC) << e.text();
  EXPECT_NE(d.entities(2).id(), "tidings:islamabad");  // a knowledge-base id, not a name of its own
}

// The handle after it is the model's to type, as the Broad Twitter Corpus
// annotates handles (about half the names it finds in RumourEval's replies
// are handles, with this model and the one before it).
TEST(Engine, ARetweetMarkerIsNoName) {
  Named got = NamesIn("RT @BBCBreaking: UK votes to leave the EU. RT reported it from Moscow.");
  got.erase(std::remove_if(got.begin(), got.end(), [](const auto& n) { return n.first == "BBCBreaking"; }), got.end());
  EXPECT_EQ(got, (Named{{"UK", v1::LOC}, {"EU", v1::ORG}, {"RT", v1::ORG}, {"Moscow", v1::LOC}}));
}

// A name right after a person's title is a person; "General" before one
// word is as often part of another name.
TEST(Engine, ANameAfterATitleIsAPersons) {
  const Named got = NamesIn(
      "NATO Secretary General Jens Stoltenberg condemned the attack. Police arrested General Ratko Mladic "
      "before the General Election, and Miss Macau won.");
  EXPECT_TRUE(HasAll(got, {{"NATO", v1::ORG}, {"Jens Stoltenberg", v1::PERSON}, {"Ratko Mladic", v1::PERSON}}));
  for (const auto& [text, type] : got) {
    EXPECT_FALSE(text == "Election" && type == v1::PERSON);
    EXPECT_FALSE(text == "Macau" && type == v1::PERSON);
  }
  // One word after a hyphened title's "General".
  EXPECT_TRUE(HasAll(NamesIn("Director-General Tedros said supplies were looted. General Motors said so."),
                     {{"Tedros", v1::PERSON}, {"General Motors", v1::ORG}}));
}

// A name before a place word names the place; not when a longer name goes on.
TEST(Engine, ANameBeforeAPlaceWordNamesThePlace) {
  const Named got = NamesIn(
      "The Pentagon said troops would secure Hamid Karzai International Airport. "
      "Crowds crossed the Nelson Mandela Bridge and gathered outside Downing Street. "
      "Erie County District Attorney Frank Clark spoke.");
  EXPECT_TRUE(HasAll(got, {{"Hamid Karzai International Airport", v1::LOC},
                           {"Nelson Mandela Bridge", v1::LOC},
                           {"Downing Street", v1::LOC}}));
  for (const auto& [text, type] : got) EXPECT_EQ(text.find("District"), std::string::npos) << text;
}

// News conventions the training corpora lack (enrich/README.md, "Name
// model"): each row a text and names it must have. A knowledge-base match
// is fixed before the model labels the rest, so names that run into or out
// of one had been cut: a given name beside a one-word place, an
// organisation whose name goes on before its match, a word that begins
// longer places. The teams of a match result are clubs, a country stays a
// place; a named storm and a place's games are events; a name given in
// apposition ("known as") is of the first name's kind; a place's or
// people's "Open" is a tournament, and a cup a competition. Two persons in a
// result stay persons; a word that begins longer places begins the place
// after it, and a compass adjective before a place is no name of its own
// ("Eastern Homs" is "Homs") but for a continent ("Eastern Europe"); a
// facility is a place; the name that begins a line of figures
// (a leaderboard's, a table's) is a name whatever the model thought of it.
// A place or a people may begin an organisation's name that goes on to an
// organisation word ("New Zealand League of Rights"), but not a kind of
// them ("Stalinist Communist Parties").
TEST(Engine, NamesTheFixedMatchesAndTheCorporaHadCut) {
  struct Case {
    const char* text;
    Named want;
  };
  const Case cases[] = {
      {"Michael Jordan, the former basketball star, watched. The novels of Jack London sold well. "
       "Washington Irving wrote the story. King Abdullah of Jordan met officials in Amman.",
       {{"Michael Jordan", v1::PERSON}, {"Jack London", v1::PERSON}, {"Washington Irving", v1::PERSON},
        {"Jordan", v1::LOC}, {"Amman", v1::LOC}}},
      {"Australia captain Pat Cummins took three wickets. Shares of Cummins rose.",
       {{"Pat Cummins", v1::PERSON}, {"Cummins", v1::ORG}}},
      {"In Sudan Omar Bashir ruled for decades. Officials from Russia, Iran and Turkey met.",
       {{"Sudan", v1::LOC}, {"Omar Bashir", v1::PERSON}, {"Russia", v1::LOC}, {"Turkey", v1::LOC}}},
      {"The Social Democratic Party criticised the budget. Canada's New Democratic Party gained seats. "
       "The Democratic Party held its convention in Chicago.",
       {{"Social Democratic Party", v1::ORG}, {"New Democratic Party", v1::ORG}, {"Democratic Party", v1::ORG},
        {"Chicago", v1::LOC}}},
      {"Liverpool captain Jordan Henderson scored. She studied at Moscow State University. Fighters of the Kosovo "
       "Liberation Army fled. They were on behalf of America Saudi Arabia and Turkey.",
       {{"Jordan Henderson", v1::PERSON}, {"Moscow State University", v1::ORG},
        {"Kosovo Liberation Army", v1::ORG}, {"America", v1::LOC}, {"Saudi Arabia", v1::LOC}}},
      {"Police searched homes in Greater London. Britain, West Germany and Australia joined. "
       "He travelled into Central America.",
       {{"Greater London", v1::LOC}, {"West Germany", v1::LOC}, {"Central America", v1::LOC}}},
      {"Porto beat Benfica 2-1 on Sunday. Feyenoord drew 1-1 with Vitesse, while Leeds lost 3-0 to Everton. "
       "Portugal beat Spain 2-0 in a friendly.",
       {{"Porto", v1::ORG}, {"Feyenoord", v1::ORG}, {"Vitesse", v1::ORG}, {"Leeds", v1::ORG},
        {"Everton", v1::ORG}, {"Portugal", v1::LOC}, {"Spain", v1::LOC}}},
      // A nationality or country before a national institution is part of its name (the longest name).
      {"The Indian Army and the Turkish Red Crescent helped. Shares on the Mexican Stock Exchange fell. "
       "Lebanese Hezbollah fighters left.",
       {{"Indian Army", v1::ORG}, {"Turkish Red Crescent", v1::ORG}, {"Mexican Stock Exchange", v1::ORG},
        {"Lebanese", v1::NORP}, {"Hezbollah", v1::ORG}}},
      // A nickname in quotes inside a person's name is part of it.
      {"Senator Ronald \"Bato\" dela Rosa spoke. Dwayne \u2018The Rock\u2019 Johnson starred.",
       {{"Ronald \"Bato\" dela Rosa", v1::PERSON}, {"Dwayne \u2018The Rock\u2019 Johnson", v1::PERSON}}},
      // Honorifics and a sentence's role words before a name are not the name's.
      {"Shri Ram Gopal Yadav spoke. Alhaji Aliko Dangote agreed. Skipper Ruturaj Gaikwad scored 80.",
       {{"Ram Gopal Yadav", v1::PERSON}, {"Aliko Dangote", v1::PERSON}, {"Ruturaj Gaikwad", v1::PERSON}}},
      // A company named by its market; not a share class, a place's market, nor "shares" the verb.
      {"Shares of Petrobras fell 3% and Naspers shares rose. Investors took a stake in Gojek. Japanese shares "
       "rose; Class B shares fell. Peninsular Malaysia shares a border with Thailand on the London Stock Exchange.",
       {{"Petrobras", v1::ORG}, {"Naspers", v1::ORG}, {"Gojek", v1::ORG}, {"Japanese", v1::NORP},
        {"London Stock Exchange", v1::ORG}}},
      // An acronym defined in brackets is its name's, there and wherever it stands alone.
      {"The Democratic Alliance (DA) won the Western Cape. DA leader John Steenhuisen spoke. The Enforcement "
       "Directorate (ED) arrested him; the ED said so.",
       {{"Democratic Alliance", v1::ORG}, {"DA", v1::ORG}, {"Western Cape", v1::LOC}, {"DA", v1::ORG},
        {"John Steenhuisen", v1::PERSON}, {"Enforcement Directorate", v1::ORG}, {"ED", v1::ORG}, {"ED", v1::ORG}}},
      // A given name's syllable after a hyphen, up to six letters; not an adjective's ending.
      {"Reporters met Lee Jae-myung and Ban Ki-moon. The Kim Jong-un-led talks stalled, as did the "
       "Donald Trump-backed plan.",
       {{"Lee Jae-myung", v1::PERSON}, {"Ban Ki-moon", v1::PERSON}, {"Donald Trump", v1::PERSON}}},
      // A double-barrelled surname; not a second name of its own, nor an adjective's ending.
      {"The club should sack Duncan Ferguson-Hale. Pieter van der Heijden-Bos spoke. The Joe Biden-Kamala "
       "Harris ticket won, unlike Boris Johnson-style politics.",
       {{"Duncan Ferguson-Hale", v1::PERSON}, {"Pieter van der Heijden-Bos", v1::PERSON},
        {"Boris Johnson", v1::PERSON}}},
      // Legal forms of Finland, Malaysia, Australia, Russia: the name is a company's, not a person's.
      {"Sentinor Oy said it would hire 200 engineers. Mah Sing Group Bhd rose, as did Kestrel Mining Pty.",
       {{"Sentinor Oy", v1::ORG}, {"Mah Sing Group Bhd", v1::ORG}, {"Kestrel Mining Pty", v1::ORG}}},
      // A word the knowledge base knows only as a people's adjective is the people's, not a place.
      {"Thai Prime Minister Anutin Charnvirakul said so. Talks with Thai investors went on in Thailand.",
       {{"Thai", v1::NORP}, {"Anutin Charnvirakul", v1::PERSON}, {"Thai", v1::NORP}, {"Thailand", v1::LOC}}},
      // A country's sports body is the sport and the place; not the sport played in the place.
      {"Athletics Kenya said the runner was banned. Cricket Australia named the squad. He played cricket in "
       "Australia.",
       {{"Athletics Kenya", v1::ORG}, {"Cricket Australia", v1::ORG}, {"Australia", v1::LOC}}},
      // A named war is an event; not a ministry of war, nor "War" inside a longer name.
      {"The Winter War ended in 1940. Israel took the Old City in the 1967 Six-Day War. After the Thirty Years' "
       "War, peace came. Civil War veterans marched. The Ministry of War spoke. The War Office said.",
       {{"Winter War", v1::EVENT}, {"Six-Day War", v1::EVENT}, {"Thirty Years' War", v1::EVENT},
        {"Civil War", v1::EVENT}, {"Ministry of War", v1::ORG}, {"War Office", v1::ORG}}},
      // A place before its own office is the place; not a central bank's governor or a league.
      {"Former Medell\u00edn deputy mayor Luc\u00eda Marulanda said so. Hyundai will build cells next year. "
       "Georgia Governor Brian Kemp said he supported the plant. Vipers moved top of the Uganda Premier League. "
       "Meanwhile, the Lagos State government said the carnival would go ahead.",
       {{"Medell\u00edn", v1::LOC}, {"Luc\u00eda Marulanda", v1::PERSON}, {"Georgia", v1::LOC},
        {"Brian Kemp", v1::PERSON}, {"Lagos State", v1::LOC}}},
      // So is an airline "Air" and the place; "Rail" after a nationality is no company's by itself.
      {"Air Canada cancelled 40 flights. Italian Rail unions called a strike. He flew from Canada.",
       {{"Air Canada", v1::ORG}, {"Italian", v1::NORP}, {"Canada", v1::LOC}}},
      // A summit and a cycling tour are events, whatever type the model gave them.
      {"Indonesia will host the ASEAN Summit. He is a contender for the Tour of Flanders.",
       {{"ASEAN Summit", v1::EVENT}, {"Tour of Flanders", v1::EVENT}}},
      // A place's or institution's name through a possessive before its kind; not a known place's possessive.
      {"They played at St. Mary's Stadium. Fans left St. James' Park early. Crowds filled St Peter's Square. "
       "Paris's Park was empty.",
       {{"St. Mary's Stadium", v1::LOC}, {"St. James' Park", v1::LOC}, {"St Peter's Square", v1::LOC},
        {"Paris", v1::LOC}}},
      // A king's or a queen's, with the title; a queen's speech is no institution.
      {"Nurses left Queen Ingrid's Hospital. He studied at King Edward's School. Queen Elizabeth's speech ended.",
       {{"Queen Ingrid's Hospital", v1::ORG}, {"King Edward's School", v1::ORG}, {"Elizabeth", v1::PERSON}}},
      // Parts joined by a particle between hyphens are one name.
      {"General Zia-ul-Haq ruled Pakistan. Imran Khan's Pakistan Tehreek-e-Insaf won. Fighting spread to "
       "Mazar-i-Sharif.",
       {{"Zia-ul-Haq", v1::PERSON}, {"Pakistan", v1::LOC}, {"Imran Khan", v1::PERSON},
        {"Pakistan Tehreek-e-Insaf", v1::ORG}, {"Mazar-i-Sharif", v1::LOC}}},
      // Turkish and Polish capitals: "İstanbul" is the knowledge base's Istanbul.
      {"The mayor of İstanbul met officials from Łódź.", {{"İstanbul", v1::LOC}, {"Łódź", v1::LOC}}},
      // A company's short name that is a city's is no alias of the company.
      {"He lives in Cincinnati and works in Berkeley.", {{"Cincinnati", v1::LOC}, {"Berkeley", v1::LOC}}},
      // Countries the curated file holds (Wikidata ids) stay places too.
      {"Syria beat Iran 2-1 in the qualifier. Russia drew 1-1 with Turkey, while Iraq lost 0-3 to Jordan.",
       {{"Syria", v1::LOC}, {"Iran", v1::LOC}, {"Russia", v1::LOC}, {"Turkey", v1::LOC}, {"Iraq", v1::LOC},
        {"Jordan", v1::LOC}}},
      {"Trump beat Clinton in Michigan by 10,704 votes. Rebels left Aleppo.",
       {{"Trump", v1::PERSON}, {"Clinton", v1::PERSON}, {"Michigan", v1::LOC}, {"Aleppo", v1::LOC}}},
      {"Hurricane Ian made landfall near Fort Myers, Florida, on Wednesday. Tropical Storm Alberto weakened, "
       "and Cyclone Idai hit Mozambique.",
       {{"Hurricane Ian", v1::EVENT}, {"Tropical Storm Alberto", v1::EVENT}, {"Cyclone Idai", v1::EVENT},
        {"Mozambique", v1::LOC}}},
      {"Live: Storm Ciaran hits southern England\nStorm Ciaran brought winds of 100mph to Cornwall.",
       {{"Storm Ciaran", v1::EVENT}, {"England", v1::LOC}, {"Storm Ciaran", v1::EVENT}, {"Cornwall", v1::LOC}}},
      {"The Paris Olympics open in July. She won the Boston Marathon and gold at the Asian Games. "
       "Epic Games sued Apple.",
       {{"Paris Olympics", v1::EVENT}, {"Boston Marathon", v1::EVENT}, {"Asian Games", v1::EVENT}}},
      {"She won the U.S. Open and the German Open, then left Open Society.\nTENNIS - RESULTS AT AUSTRALIAN OPEN.",
       {{"U.S. Open", v1::EVENT}, {"German Open", v1::EVENT}, {"AUSTRALIAN OPEN", v1::EVENT}}},
      {"IRAQ SAYS U.N. INSPECTORS MUST LEAVE.\nBAGHDAD 1996-08-22\nThe inspectors left.",
       {{"IRAQ", v1::LOC}, {"U.N.", v1::ORG}, {"BAGHDAD", v1::LOC}}},
      {"Deutsche Telekom and Daimler-Benz led the gains. Merrill Lynch, Goldman Sachs and Kidder Peabody sold.",
       {{"Deutsche Telekom", v1::ORG}, {"Daimler-Benz", v1::ORG}, {"Goldman Sachs", v1::ORG},
        {"Kidder Peabody", v1::ORG}}},
      {"Brazil won the 2002 World Cup. The Davis Cup final is in Lyon. Fans watched the FA Cup final.",
       {{"World Cup", v1::EVENT}, {"Davis Cup", v1::EVENT}, {"FA Cup", v1::EVENT}}},
      {"Fighters clashed near Saraqeb. Abu Mohammed al-Jolani's group controls much of the northwest.",
       {{"Abu Mohammed al-Jolani", v1::PERSON}}},
      {"She studied at St. Andrews University and visited St. Louis and Mt. Kilimanjaro.",
       {{"St. Andrews University", v1::ORG}, {"St. Louis", v1::LOC}, {"Mt. Kilimanjaro", v1::LOC}}},
      {"The Rapid Support Forces, led by Mohamed Hamdan Dagalo, known as Hemedti, control Darfur.",
       {{"Mohamed Hamdan Dagalo", v1::PERSON}, {"Hemedti", v1::PERSON}}},
      {"Nadal beat Federer 6-4 in the final set. Flooding hit Upper Egypt and Lower Saxony.",
       {{"Nadal", v1::PERSON}, {"Federer", v1::PERSON}, {"Upper Egypt", v1::LOC}, {"Lower Saxony", v1::LOC}}},
      {"IS fighters are in Raqqah, Eastern Homs and Eastern Halab. NATO membership reached into Eastern Europe.",
       {{"Homs", v1::LOC}, {"Halab", v1::LOC}, {"Eastern Europe", v1::LOC}}},
      {"The Greater Manchester police said. Eastern Europe is cold.",
       {{"Greater Manchester", v1::LOC}, {"Eastern Europe", v1::LOC}}},
      {"Flights resumed at Heathrow Airport and Wembley Stadium reopened.",
       {{"Heathrow Airport", v1::LOC}, {"Wembley Stadium", v1::LOC}}},
      {"Leaderboard after the third round:\nRory McIlroy 67 69 70\nJon Rahm 68 70 71\nMarch 5 2024\n",
       {{"Rory McIlroy", v1::PERSON}, {"Jon Rahm", v1::PERSON}}},
      {"She joined the New Zealand League of Rights. The Arab American Institute objected, as did the "
       "Italian Liberal Party. Stalinist Communist Parties rallied.",
       {{"New Zealand League of Rights", v1::ORG}, {"Arab American Institute", v1::ORG},
        {"Italian Liberal Party", v1::ORG}, {"Stalinist", v1::NORP}}},
  };
  for (const Case& c : cases) EXPECT_TRUE(HasAll(NamesIn(c.text), c.want)) << c.text;
  // A sport is no name, in a wire's sports headline or elsewhere; a body
  // named after one is.
  for (const auto& [text, type] : NamesIn("BASKETBALL - NBA RESULTS.\nRUGBY UNION - WALES BEAT FIJI.\n"
                                          "Cricket's world authority met. The Welsh Rugby Union agreed.")) {
    EXPECT_TRUE(text != "BASKETBALL" && text != "RUGBY UNION" && text != "Cricket") << text;
  }
  EXPECT_TRUE(HasAll(NamesIn("The Welsh Rugby Union agreed."), {{"Welsh Rugby Union", v1::ORG}}));
  for (const auto& [text, type] : NamesIn("SOCCER - ENGLISH PREMIER LEAGUE RESULTS.\nLONDON 1996-08-24\n"
                                          "TENNIS RESULTS.\nSampras won.")) {
    EXPECT_EQ(text.find("RESULTS"), std::string::npos) << text;
    EXPECT_NE(text, "TENNIS");
  }
  // A sport's word as a name mid-sentence is not dropped (the town Rugby).
  EXPECT_TRUE(HasAll(NamesIn("He grew up in Rugby and played for England."), {{"Rugby", v1::LOC}}));
  // An added cup neither takes a function word nor overlaps another; a
  // capitalised word after the head makes a longer name, not a cup.
  EXPECT_EQ(NamesIn("In World Cup qualifying, Spain won. He won the World Marathon Cup."),
            (Named{{"World Cup", v1::EVENT}, {"Spain", v1::LOC}, {"World Marathon Cup", v1::EVENT}}));
  for (const auto& [text, type] : NamesIn("Paper Cup Maker Files for Bankruptcy")) EXPECT_NE(type, v1::EVENT) << text;
  // A results line's teams stay teams: the number after the first is a
  // score, not a dateline's date.
  EXPECT_TRUE(HasAll(NamesIn("BASEBALL - RESULTS.\nPITTSBURGH 3 CINCINNATI 5\n"),
                     {{"PITTSBURGH", v1::ORG}, {"CINCINNATI", v1::ORG}}));
  // The name after "and" takes the knowledge base's type when it has one.
  EXPECT_TRUE(HasAll(NamesIn("Deutsche Telekom and Germany agreed."),
                     {{"Deutsche Telekom", v1::ORG}, {"Germany", v1::LOC}}));
  for (const auto& [text, type] : NamesIn("In Sudan Omar Bashir ruled for decades.")) {
    EXPECT_NE(text, "Sudan Omar Bashir");
  }
  for (const auto& [text, type] : NamesIn("The head is Robert Angelo, formerly Phoenix's senior vice president.")) {
    EXPECT_FALSE(text == "Phoenix" && type == v1::PERSON);
  }
  // A compass adjective before a place is no name of its own ("eastern
  // Aleppo" is "Aleppo").
  for (const auto& [text, type] : NamesIn("IS fighters are in Raqqah, Eastern Homs and Eastern Halab.")) {
    EXPECT_NE(text, "Eastern");
  }
  // A line of figures begun by a month is a date's, not a name's; page
  // furniture is no table (punctuation between the numbers, or one word
  // with no row beside it).
  for (const auto& [text, type] : NamesIn("Scores:\nRory McIlroy 67 69\nMarch 5 2024\n")) EXPECT_NE(text, "March");
  // A month or weekday beside a day's number is a date, whatever the model says.
  for (const auto& [text, type] : NamesIn("Iraq invaded Kuwait on Aug. 2, and the council voted on Aug. 6. "
                                          "Talks resume on 3 Sept in Geneva; the vote is Tues 14 May.")) {
    EXPECT_TRUE(text != "Aug" && text != "Aug." && text != "Sept" && text != "Tues" && text != "May") << text;
  }
  EXPECT_EQ(NamesIn("Contact us\nFax 555-1234\nPage 2 / 10\nUpdated 10:45 12/03/2026\nSee below.\nTemperature 21 25\n"),
            Named{});
  // The storm words name other things too.
  for (const auto& [text, type] : NamesIn("Ukraine fired Storm Shadow missiles. Eurofighter Typhoon jets flew over. "
                                          "The National Hurricane Center issued a warning. Epic Games sued Apple.")) {
    EXPECT_NE(type, v1::EVENT) << text;
  }
}

// An organisation named with its country after it is one name; so is a
// company of a place and a trade ("Korean Air") or named by its shares
// ("Tokyo Electron shares"); places side by side stay places.
TEST(Engine, OrganisationsEndingInTheirCountryAreWhole) {
  const Named got = NamesIn(
      "Nigel Farage said Reform UK would win the seat. The charity Cancer Research UK welcomed the move. "
      "Korean Air and Tokyo Electron shares rose. In Syria Russia bombed towns.");
  EXPECT_TRUE(HasAll(got, {{"Reform UK", v1::ORG},
                           {"Cancer Research UK", v1::ORG},
                           {"Korean Air", v1::ORG},
                           {"Tokyo Electron", v1::ORG},
                           {"Syria", v1::LOC},
                           {"Russia", v1::LOC}}));
  // "Air" ends a name, not a headline's noun phrase.
  for (const auto& [text, type] : NamesIn("Israeli Air Strikes Kill 20 In Gaza. The army said so."))
    EXPECT_NE(text, "Israeli Air");
}

// An official body's name is whole through the list of its remits and
// with the nationality before it; other names in a list stay apart.
TEST(Engine, OfficialBodiesAreWholeThroughTheirRemits) {
  const Named got = NamesIn(
      "The Ministry of Agriculture, Forestry and Fisheries said rice stocks were low. The Department for "
      "Culture, Media and Sport will review the bid, and the Office for the Environment agreed. Officials "
      "at the Department of Housing and Urban Development met the Polish Academy of Sciences.");
  EXPECT_TRUE(HasAll(got, {{"Ministry of Agriculture, Forestry and Fisheries", v1::ORG},
                           {"Department for Culture, Media and Sport", v1::ORG},
                           {"Office for the Environment", v1::ORG},
                           {"Department of Housing and Urban Development", v1::ORG},
                           {"Polish Academy of Sciences", v1::ORG}}));
  // Companies, places and other bodies after "and" are names of their own;
  // so is a world body after a nationality.
  const Named apart = NamesIn(
      "The Department of Justice, Apple and Google settled. The Ministry of Defence and Ukraine signed a "
      "deal. The Ministry of Defence and Ministry of Foreign Affairs disagreed over a Libyan World Court case.");
  EXPECT_TRUE(HasAll(apart, {{"Department of Justice", v1::ORG},
                             {"Apple", v1::ORG},
                             {"Ministry of Defence", v1::ORG},
                             {"Ukraine", v1::LOC},
                             {"Ministry of Foreign Affairs", v1::ORG},
                             {"World Court", v1::ORG}}));
  for (const auto& [text, type] : apart) EXPECT_NE(text, "Libyan World Court");
}

// A name before "party" or "movement" is an organisation, and so are its
// other mentions; an organisation of a place is one name with it.
TEST(Engine, PartiesByTheirNounAndBodiesOfAPlace) {
  const Named got = NamesIn(
      "Orban's Fidesz party is trailing the opposition Tisza movement. Tisza, led by Peter Magyar, leads the "
      "polls. Many winners had ties to the governing Morena party. Dissidents of the Revolutionary Armed Forces "
      "of Colombia were blamed, and the Communist Party of the Philippines agreed. Kurdish party officials "
      "met.");
  EXPECT_TRUE(HasAll(got, {{"Tisza", v1::ORG},
                           {"Morena", v1::ORG},
                           {"Revolutionary Armed Forces of Colombia", v1::ORG},
                           {"Communist Party of the Philippines", v1::ORG},
                           {"Kurdish", v1::NORP}}));
  for (const auto& [text, type] : got) {
    if (text == "Tisza") {
      EXPECT_EQ(type, v1::ORG);
    }
  }
}

// A company's legal form is part of its name, wherever the model left it:
// after the name, tagged alone, or written "A/S".
TEST(Engine, ACompanysLegalFormIsPartOfItsName) {
  const Named got = NamesIn(
      "Ferry operator Havbro Ferjer ASA agreed on Tuesday to buy its rival Kattegat Sejl A/S for 4.2 billion "
      "crowns. Luapula Copper Holdings plc said its smelter was ready, and Saratoga Co. was calm.");
  EXPECT_TRUE(HasAll(got, {{"Havbro Ferjer ASA", v1::ORG},
                           {"Kattegat Sejl A/S", v1::ORG},
                           {"Luapula Copper Holdings plc", v1::ORG}}));
}

// On a sports page a team named by its plural nickname after "the" is an
// organisation; a country, a competition or a family is not.
TEST(Engine, TeamsByTheirNicknamesOnASportsPage) {
  const Named got = NamesIn(
      "The Crusaders beat the Blues 33-22 on Saturday, and the Bombers kicked the first three goals. Martin "
      "Brodeur made 31 saves for the Devils. In Rotterdam the Netherlands won 2-0 to reach the Olympics.");
  EXPECT_TRUE(HasAll(got, {{"Crusaders", v1::ORG},
                           {"Blues", v1::ORG},
                           {"Bombers", v1::ORG},
                           {"Devils", v1::ORG},
                           {"Netherlands", v1::LOC}}));
  for (const auto& [text, type] : got) {
    if (text == "Olympics") {
      EXPECT_NE(type, v1::ORG);
    }
  }
  // Not outside a sentence of sport.
  for (const auto& [text, type] : NamesIn("Solzhenitsyn criticised the Allies. He won 2-1 at chess.")) {
    if (text == "Allies") {
      EXPECT_NE(type, v1::ORG);
    }
  }
}

// Rivers, reefs, mountains and their like are places whatever the model
// made of them; an organisation named after one, and a person whose
// surname is a place word, stay what they are.
TEST(Engine, NaturalFeaturesArePlaces) {
  const Named got = NamesIn(
      "The River Thames burst its banks, flooding defences along the River Severn. Coral cover on the Great "
      "Barrier Reef fell, and the telescope on Cerro Armazones saw first light. The Black Sea Fleet sailed; "
      "Ricki Lake and George Strait sang. Snow closed roads in the Laramie Range and along the Front Range, and "
      "the colt runs next at Nakayama Racecourse.");
  EXPECT_TRUE(HasAll(got, {{"Laramie Range", v1::LOC},
                           {"Front Range", v1::LOC},
                           {"Nakayama Racecourse", v1::LOC},
                           {"River Thames", v1::LOC},
                           {"River Severn", v1::LOC},
                           {"Great Barrier Reef", v1::LOC},
                           {"Cerro Armazones", v1::LOC},
                           {"Black Sea Fleet", v1::ORG},
                           {"Ricki Lake", v1::PERSON},
                           {"George Strait", v1::PERSON}}));
}

// Two institutions joined by "and" are two names; one body's remits after
// "and" stay in its name.
TEST(Engine, TwoInstitutionsJoinedByAndAreTwoNames) {
  const Named got = NamesIn(
      "The trial was run by Severance Hospital and Samsung Medical Center, with University of Auckland and "
      "Colgate University. Université Paris-Saclay and Aix-Marseille University agreed, as did the Department "
      "of Health and Human Services.");
  EXPECT_TRUE(HasAll(got, {{"Severance Hospital", v1::ORG},
                           {"Samsung Medical Center", v1::ORG},
                           {"University of Auckland", v1::ORG},
                           {"Colgate University", v1::ORG},
                           {"Université Paris-Saclay", v1::ORG},
                           {"Aix-Marseille University", v1::ORG},
                           {"Department of Health and Human Services", v1::ORG}}));
}

// A name the document tags whole once is whole where its words stand
// together again, capitalised alike.
TEST(Engine, ANameTaggedWholeOnceIsWholeWhereItsWordsRecur) {
  EXPECT_EQ(NamesIn("South Korea's Moon Jae-in called it a historic moment. Moon Jae-in is president."),
            (Named{{"South Korea", v1::LOC}, {"Moon Jae-in", v1::PERSON}, {"Moon Jae-in", v1::PERSON}}));
}

// Welsh and Irish names are whole through their particles; a title before
// one stays out.
TEST(Engine, WelshAndIrishNamesAreWholeThroughTheirParticles) {
  const Named got = NamesIn(
      "Plaid Cymru leader Rhun ap Iorwerth said on Monday that the party would not support the budget, and "
      "Councillor Gwilym ap Rhys agreed with him at the meeting in Cardiff. Seán Ó hUiginn and Áine Ní "
      "Bhriain watched the game in Galway with Máire Nic Giolla Phádraig.");
  EXPECT_TRUE(HasAll(got, {{"Rhun ap Iorwerth", v1::PERSON},
                           {"Gwilym ap Rhys", v1::PERSON},
                           {"Seán Ó hUiginn", v1::PERSON},
                           {"Áine Ní Bhriain", v1::PERSON},
                           {"Máire Nic Giolla Phádraig", v1::PERSON}}));
  for (const auto& [text, type] : got) EXPECT_EQ(text.find("Councillor"), std::string::npos) << text;
  // A chain of patronymics is one name; "Nic" after a title is a given name.
  const Named chain = NamesIn(
      "The poet Dafydd ap Gruffudd ap Llywelyn wrote about it. Reporters met MP Nic Dakin in Scunthorpe, where "
      "the council had been meeting since the morning.");
  EXPECT_TRUE(HasAll(chain, {{"Dafydd ap Gruffudd ap Llywelyn", v1::PERSON}}));
  for (const auto& [text, type] : chain) EXPECT_EQ(text.find("MP"), std::string::npos) << text;
}

// Names that run on through lower-case words are whole: a group's
// possessive begins an organisation's name (a country's does not), and a
// Romance connector joins two names into one.
TEST(Engine, NamesRunOnThroughPossessivesAndRomanceConnectors) {
  EXPECT_TRUE(HasAll(NamesIn("Ko Wen-je of the Taiwan People's Party spoke. The People's Liberation Army held "
                             "drills. The Workers' Party leader left. China's Taiwan Affairs Office replied. "
                             "Pictures from the Ile de la Cite. The Commission des Operations de Bourse ruled, and "
                             "the basilica of Santa Maria di Collemaggio was damaged."),
                     {{"Taiwan People's Party", v1::ORG},
                      {"People's Liberation Army", v1::ORG},
                      {"Workers' Party", v1::ORG},
                      {"China", v1::LOC},
                      {"Taiwan Affairs Office", v1::ORG},
                      {"Ile de la Cite", v1::LOC},
                      {"Commission des Operations de Bourse", v1::ORG},
                      {"Santa Maria di Collemaggio", v1::LOC}}));
}

TEST(Engine, DebugRulesExplainTags) {
  auto r = Engine::Create({.kb_extra_path = "", .targets_path = "", .ner_model = "", .debug = true});
  ASSERT_TRUE(r.ok());
  v1::Document d;
  d.set_id("x");
  d.set_kind("article");
  d.set_published_at("2016-10-20");
  d.set_text("Putin spoke last month.");
  auto out = (*r)->Enrich(d);
  ASSERT_TRUE(out.ok());
  ASSERT_GE(out->entities_size(), 1);
  EXPECT_NE(out->entities(0).rule().find("kb:curated.tsv"), std::string::npos);
  ASSERT_GE(out->dates_size(), 1);
  EXPECT_EQ(out->dates(0).rule(), "date:relative-month");
  EXPECT_GT(out->entities(0).score(), 0.5f);
}

TEST(Engine, CommentTakesThreadAnchor) {
  v1::EnrichedDocument root;
  root.mutable_anchor()->set_value("2016-02-25T00:00:00Z");
  v1::Document c;
  c.set_id("c1");
  c.set_kind("comment");
  c.set_thread_id("a1");
  c.set_parent_id("a1");
  c.set_text("Putin started bombing 4 months ago.");
  const ThreadDoc summary = ThreadDoc::Of(root);
  ThreadContext ctx;
  ctx.parent = &summary;
  ctx.root = &summary;
  auto out = TheEngine().Enrich(c, ctx);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->anchor().inferred());
  EXPECT_EQ(out->anchor().source(), "thread");
  ASSERT_EQ(out->dates_size(), 1);
  EXPECT_EQ(out->dates(0).value(), "2015-10");
}

// A comment (alone, or replying to an article of `article_text`) and the
// (text, type, name) of its entities.
using NamedMentions = std::vector<std::tuple<std::string, v1::EntityType, std::string>>;
NamedMentions CommentsNames(const std::string& article_text, const std::string& comment_text, bool in_thread = true) {
  v1::Document a;
  a.set_id("a1");
  a.set_kind("article");
  a.set_published_at("2024-06-24T00:00:00Z");
  a.set_text(article_text);
  auto article = TheEngine().Enrich(a);
  EXPECT_TRUE(article.ok());
  v1::Document c;
  c.set_id("c1");
  c.set_kind("comment");
  c.set_thread_id("a1");
  c.set_parent_id("a1");
  c.set_text(comment_text);
  const ThreadDoc summary = article.ok() ? ThreadDoc::Of(*article) : ThreadDoc();
  ThreadContext ctx;
  ctx.parent = &summary;
  ctx.root = &summary;
  auto out = in_thread ? TheEngine().Enrich(c, ctx) : TheEngine().Enrich(c);
  EXPECT_TRUE(out.ok());
  NamedMentions got;
  if (out.ok())
    for (const auto& e : out->entities()) got.emplace_back(e.text(), e.type(), e.name());
  return got;
}

// A comment that names the article's people by one of their names: those
// are the people (the model alone had "Biden" as an organisation).
TEST(Engine, ACommentNamesTheThreadsPeopleByTheirSurnames) {
  const NamedMentions want = {{"Biden", v1::PERSON, "Joe Biden"}, {"Nelson", v1::PERSON, "Bill Nelson"}};
  EXPECT_EQ(CommentsNames("President Joe Biden previewed one image at the White House. Administrator Bill Nelson "
                          "praised the team.",
                          "Honestly Biden taking credit is rich. Nelson knows better."),
            want);
}

// A comment that writes the thread's names in lower case names them too.
TEST(Engine, ACommentNamesTheThreadsNamesInLowerCase) {
  const std::string article =
      "Rishi Sunak left Normandy early, and Vladimir Putin watched from Moscow. The president spoke.";
  const std::string comment = "sunak couldnt organise a piss up. leaving normandy early lol. not putin, not the president";
  const NamedMentions want = {
      {"sunak", v1::PERSON, "Rishi Sunak"}, {"normandy", v1::LOC, "Normandy"}, {"putin", v1::PERSON, "Vladimir Putin"}};
  EXPECT_EQ(CommentsNames(article, comment), want);
  // Without the thread, lower case names nothing ("leaving normandy" has no
  // place's preposition: AWriterInLowerCaseStillNamesKnownPlaces).
  EXPECT_TRUE(CommentsNames(article, comment, false).empty());
}

// A reply types the thread's names without their accents ("gdansk" after
// "Gdańsk").
TEST(Engine, ACommentNamesTheThreadsNamesWithoutTheirAccents) {
  const NamedMentions want = {{"gdansk", v1::LOC, "Gdańsk"}, {"wasowicz", v1::PERSON, "Piotr Wąsowicz"}};
  EXPECT_EQ(CommentsNames("Piotr Wąsowicz won the final in Gdańsk on Sunday, beating the champion 8-7.",
                          "gdansk going mad for darts now. fair play to wasowicz"),
            want);
}

TEST(Engine, InfersAnchorFromText) {
  auto d = EnrichText("He left in May.\n\nThis article first appeared in the 16 July 2014 issue.", "");
  EXPECT_TRUE(d.anchor().inferred());
  EXPECT_EQ(d.anchor().value(), "2014-07-16");
  EXPECT_EQ(d.anchor().source(), "first_appeared");
}

TEST(Engine, RejectsInvalidUtf8) {
  v1::Document d;
  d.set_id("bad");
  d.set_kind("article");
  d.set_text("abc\xff");
  auto r = TheEngine().Enrich(d);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kEnrichFailed);
}

TEST(Robustness, HostileInputsFinishQuickly) {
  std::vector<std::string> inputs = {
      "",
      std::string(100000, 'A'),
      std::string(100000, '-'),
      "😀🇸🇾 Assad 😀 " + std::string(1000, '!'),
      "الرئيس بشار الأسد في حلب 2016 — Assad in Aleppo",
      std::string("Putin\0Assad\0\0 2016", 19),
      std::string(50000, '.') + " Mr. " + std::string(50000, ' '),
  };
  std::string big;
  while (big.size() < (1u << 20)) big += "On 17 October Bashar al-Assad met Putin in Aleppo for four years. ";
  inputs.push_back(big);
  // The name steps' shapes, repeated: each must cost the same per mention
  // however many the document has (results lines, fixed places before a
  // capitalised word, match results, storms, names joined to a place,
  // appositions, abbreviations).
  for (const char* shape : {"Xq 1 Zv 2\n", "Moscow Xq said. ", "Leeds beat Hull 2-1. ", "Hurricane Xq hit. ",
                            "Jack London said. ", "Abu Zed, known as Bq, left. ", "St. Andrews University. ",
                            "TEHRAN -\n", "Xq.com Inc said. ", "the Paris-based firm. ", "Taiwan People's Party. ",
                            "Fuji Bank Ltd said. ", "UK Athletics said. ", "Leinster, who beat the Stormers 31-17. ",
                            "Kwabena Ofori-Atta Mensah said. ", "Paris Bourse. "}) {
    std::string steps;
    while (steps.size() < (1u << 20)) steps += shape;
    inputs.push_back(steps);
  }
  std::string row;  // one results line of thousands of teams
  while (row.size() < (1u << 18)) row += "Leeds 1 Hull 2 ";
  inputs.push_back(row + "Xq 3");
  for (const auto& in : inputs) {
    auto t0 = std::chrono::steady_clock::now();
    auto d = EnrichText(in);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_LT(secs, 20.0) << "input of " << in.size() << " bytes";
    CheckOffsets(d);
  }
}

TEST(Engine, ThreadSafeUnderConcurrentUse) {
  const std::string text = "On Saturday Putin and Assad met in Aleppo; IS and al-Nusra Front were blamed.";
  auto want = EnrichText(text);
  std::vector<std::thread> ts;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    ts.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        v1::Document d = want.document();
        auto r = TheEngine().Enrich(d);
        if (!r.ok() || r->entities_size() != want.entities_size() || r->dates_size() != want.dates_size()) {
          ++mismatches;
        }
      }
    });
  }
  for (auto& t : ts) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(Engine, OperatorKnowledgeBaseFileWins) {
  auto path = std::filesystem::path(TIDINGS_BINARY_DIR) / "enrich_test_kb.tsv";
  {
    std::ofstream f(path);
    f << "# operator file\nORG\tZorblax Industries\tQ999\tZorblax|ZBX Corp\nPERSON\tVladimir Putin (operator)\top:putin\tPutin\n";
  }
  auto r = Engine::Create(KbOpts(path.string()));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  v1::Document d;
  d.set_id("k");
  d.set_kind("article");
  d.set_text("Zorblax hired Putin.");
  auto out = (*r)->Enrich(d);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->entities_size(), 2);
  EXPECT_EQ(out->entities(0).id(), "Q999");
  EXPECT_EQ(out->entities(1).id(), "op:putin");
  {
    std::ofstream f(path);
    f << "BADTYPE\tx\ty\tz\n";
  }
  auto bad = Engine::Create(KbOpts(path.string()));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kConfig);
  EXPECT_NE(bad.status().message().find(":1"), std::string::npos);
  EXPECT_FALSE(Engine::Create(KbOpts("/nonexistent/kb.tsv")).ok());
}

// Golden cases: tests/data/enrich/*.jsonl. Each line is an input document
// with the tags it must produce (`entities`, `dates` as in the output
// contract; only the given fields are compared) and optionally
// `absent_texts`: texts that must not be tagged. Adding a case adds data.
TEST(Golden, Cases) {
  auto dir = std::filesystem::path(TIDINGS_SOURCE_DIR) / "tests/data/enrich";
  size_t cases = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    if (f.path().extension() != ".jsonl") continue;
    std::ifstream in(f.path());
    std::string line;
    size_t no = 0;
    while (std::getline(in, line)) {
      ++no;
      if (line.empty() || line[0] == '#') continue;
      auto want = proto::ParseEnrichedJson(line);
      ASSERT_TRUE(want.ok()) << f.path() << ":" << no << ": " << want.status().ToString();
      auto got = TheEngine().Enrich(want->document());
      ASSERT_TRUE(got.ok()) << f.path() << ":" << no;
      ++cases;
      std::string where = f.path().filename().string() + ":" + std::to_string(no);
      for (const auto& w : want->entities()) {
        bool found = false;
        for (const auto& g : got->entities()) {
          if (g.text() == w.text() && g.type() == w.type() && (w.name().empty() || g.name() == w.name()) &&
              (w.begin() == 0 && w.end() == 0 ? true : g.begin() == w.begin())) {
            found = true;
          }
        }
        EXPECT_TRUE(found) << where << ": entity " << w.text() << " " << v1::EntityType_Name(w.type())
                           << " " << w.name();
      }
      for (const auto& w : want->dates()) {
        bool found = false;
        for (const auto& g : got->dates()) {
          if (g.text() == w.text() && g.type() == w.type() && g.value() == w.value()) found = true;
        }
        EXPECT_TRUE(found) << where << ": date " << w.text() << " " << v1::TimexType_Name(w.type()) << " "
                           << w.value();
      }
      auto it = want->document().extra().find("absent_texts");
      if (it != want->document().extra().end()) {
        for (const auto& g : got->entities()) {
          EXPECT_EQ(it->second.find("\"" + g.text() + "\""), std::string::npos)
              << where << ": unexpected entity " << g.text();
        }
        for (const auto& g : got->dates()) {
          EXPECT_EQ(it->second.find("\"" + g.text() + "\""), std::string::npos)
              << where << ": unexpected date " << g.text();
        }
      }
    }
  }
  EXPECT_GT(cases, 0u);
}

// League tables and results with a half-time score and the scorers by team:
// a town is its club; a country's side and a dateline's place stay places.
TEST(Engine, TablesAndScorersByTeamNameTheClubs) {
  const Named got = NamesIn(
      "SOCCER - GERMAN FIRST DIVISION RESULTS.\nBONN 1996-09-21\nResults on Saturday (halftime in brackets):\n"
      "VfB Stuttgart 4 Karlsruhe 1 (2-0) - Stuttgart: Giovane Elber (12th, 77th); Karlsruhe: Sean Dundee (71st). "
      "Attendance: 48,800.\nCologne 2 Arminia Bielefeld 2 (1-0) - Cologne: Toni Polster (35th); Bielefeld: "
      "Thomas von Heesen (60th). Attendance: 22,500.\nWerder Bremen 1 Freiburg 1 (0-0)\n");
  EXPECT_TRUE(HasAll(got, {{"BONN", v1::LOC},
                           {"Karlsruhe", v1::ORG},
                           {"Stuttgart", v1::ORG},
                           {"Cologne", v1::ORG},
                           {"Bielefeld", v1::ORG},
                           {"Freiburg", v1::ORG},
                           {"Giovane Elber", v1::PERSON},
                           {"Toni Polster", v1::PERSON}}));
  for (const auto& [text, type] : got) EXPECT_NE(text, "Attendance");
  const Named table = NamesIn(
      "ICE HOCKEY - NHL STANDINGS.\nNEW YORK 1996-11-03\nPhiladelphia 5 WASHINGTON 1\nStandings:\n"
      "Hartford 9 5 2 52 44 20\nTampa Bay 6 9 2 45 51 14\nWashington 7 10 1 49 52 15\n\nGroup table:\n"
      "Brazil 3 2 1 0 6 2 7\nNorway 3 1 1 1 3 3 4\n");
  EXPECT_TRUE(HasAll(table, {{"NEW YORK", v1::LOC},
                             {"WASHINGTON", v1::ORG},
                             {"Hartford", v1::ORG},
                             {"Tampa Bay", v1::ORG},
                             {"Washington", v1::ORG},
                             {"Brazil", v1::LOC},
                             {"Norway", v1::LOC}}));
  // Scorers after a dash without a half-time score.
  const Named dash = NamesIn(
      "SOCCER - ENGLISH AND MEXICAN RESULTS.\nLONDON 1997-03-09\nResults on Sunday:\n"
      "Aston Villa 1 Derby 0 - Yorke 63\nSantos 2 Monterrey 2 - Borgetti 44, De la Torre 80; Villa 23, Ruiz 67\n");
  EXPECT_TRUE(HasAll(dash, {{"LONDON", v1::LOC},
                            {"Derby", v1::ORG},
                            {"Yorke", v1::PERSON},
                            {"Santos", v1::ORG},
                            {"Monterrey", v1::ORG},
                            {"Borgetti", v1::PERSON},
                            {"De la Torre", v1::PERSON},
                            {"Ruiz", v1::PERSON}}));
  // A college's city is its name's end.
  EXPECT_TRUE(HasAll(NamesIn("Researchers at University College London and Imperial College London agreed."),
                     {{"University College London", v1::ORG}, {"Imperial College London", v1::ORG}}));
}

// A cricket scorecard's innings: the county or town is its club, a country
// its national side, the bracket's players people; places joined by a
// particle between hyphens are one place, in a dateline's capitals too.
TEST(Engine, ScorecardInningsAndPlacesJoinedByParticles) {
  const Named got = NamesIn(
      "CRICKET - COUNTY SCORES.\nLONDON 1996-08-30\nClose of play scores on Friday:\nAt Chester-le-Street: "
      "Somerset 341 (M. Burns 96, R. Harden 58; J. Wood 4-80). Durham 88-2 (J. Morris 41 not out).\n"
      "At Chelmsford: Essex 402-7 declared (N. Hussain 131, R. Irani 74). Middlesex 219 (M. Ramprakash 88; "
      "P. Such 5-51) and 31-1.\nAt Lord's: England 305 (G. Thorpe 89, N. Knight 51; Wasim Akram 4-50).\n");
  EXPECT_TRUE(HasAll(got, {{"Chester-le-Street", v1::LOC},
                           {"Somerset", v1::ORG},
                           {"Essex", v1::ORG},
                           {"Middlesex", v1::ORG},
                           {"England", v1::LOC},
                           {"R. Harden", v1::PERSON},
                           {"J. Wood", v1::PERSON},
                           {"N. Hussain", v1::PERSON},
                           {"P. Such", v1::PERSON},
                           {"G. Thorpe", v1::PERSON}}));
  const Named places = NamesIn(
      "GOLF - LANCOME TROPHY SCORES.\nSAINT-NOM-LA-BRETECHE, France 1996-09-20\nHe was born in "
      "Stratford-upon-Avon and lives near Boulogne-sur-Mer. A well-to-do son-in-law of Smith scored 2 (a header).");
  EXPECT_TRUE(HasAll(places, {{"SAINT-NOM-LA-BRETECHE", v1::LOC},
                              {"Stratford-upon-Avon", v1::LOC},
                              {"Boulogne-sur-Mer", v1::LOC}}));
  for (const auto& [text, type] : places) {
    EXPECT_NE(text, "well-to-do");
    EXPECT_NE(text, "son-in-law");
  }
}

// A former country (ISO 3166-3) is a country: a place, a national side.
TEST(Engine, AFormerCountryIsACountry) {
  const Named got = NamesIn(
      "ZAIRE REBELS DECLARE CEASEFIRE.\nGOMA, Zaire 1996-11-04\nRebels who have seized much of eastern Zaire "
      "declared a ceasefire.\nWorld Cup qualifiers:\nYugoslavia 3 Faroe Islands 1\nMoldova 0 Yugoslavia 2\n");
  EXPECT_TRUE(HasAll(got, {{"ZAIRE", v1::LOC}, {"Zaire", v1::LOC}, {"Yugoslavia", v1::LOC}}));
  for (const auto& [text, type] : got) {
    if (text == "Zaire" || text == "Yugoslavia") {
      EXPECT_EQ(type, v1::LOC) << text;
    }
  }
}

// A company's legal form ends its name, whatever the model typed, and takes
// the place or people before it; a people's word before a surname is the
// people, then the person.
TEST(Engine, ALegalFormMakesACompanyAndAPeopleComesBeforeAPerson) {
  const Named got = NamesIn(
      "Shares of Arab Potash Co rose. Fuji Bank Ltd said profit fell, and Roland Druckmaschinen AG cut jobs. "
      "Jesper Parnevik shot 65 and Toni Polster scored. Justin Leonard was one shot ahead of Swede Parnevik. Cologne drew thanks to two goals "
      "from Austrian Polster in the second half. The army fought Tamil Tiger rebels.");
  EXPECT_TRUE(HasAll(got, {{"Arab Potash Co", v1::ORG},
                           {"Fuji Bank Ltd", v1::ORG},
                           {"Roland Druckmaschinen AG", v1::ORG},
                           {"Swede", v1::NORP},
                           {"Parnevik", v1::PERSON},
                           {"Austrian", v1::NORP},
                           {"Polster", v1::PERSON}}));
  for (const auto& [text, type] : got) EXPECT_NE(text, "Tiger");
  const Named kept = NamesIn("American Express rose. Turkish Airlines flew to Irish Ferries' port.");
  EXPECT_TRUE(HasAll(kept, {{"American Express", v1::ORG}, {"Turkish Airlines", v1::ORG}}));
}

// An organisation of the knowledge base in the other spelling of English,
// and an athletics meeting after its continent's people.
TEST(Engine, AnOrganisationInTheOtherSpellingAndAnIndoorMeeting) {
  const Named got = NamesIn(
      "The Organisation for Security and Cooperation in Europe said the vote was fair. The World Health "
      "Organisation agreed.\nATHLETICS - JACKSON WINS AT EUROPEAN INDOORS.\nShe won gold at the European Indoors.");
  EXPECT_TRUE(HasAll(got, {{"Organisation for Security and Cooperation in Europe", v1::ORG},
                           {"World Health Organisation", v1::ORG},
                           {"EUROPEAN INDOORS", v1::EVENT},
                           {"European Indoors", v1::EVENT}}));
  for (const auto& [text, type] : got) EXPECT_NE(text, "Europe");
}

// A writer who writes everything in lower case: the knowledge base's names
// are found without their capitals, except those lower case makes doubtful
// (ordinary words, one-word people and peoples, function words, months).
TEST(Engine, AWriterInLowerCaseNamesPeoplesInThePluralAndBeforeANoun) {
  const Named got = NamesIn(
      "honestly the germans played better than the brits lol. that mexican dude at my gym agrees and the "
      "russians and the labour market can wait (dont @ me nigerians)");
  EXPECT_TRUE(HasAll(got, {{"germans", v1::NORP},
                           {"brits", v1::NORP},
                           {"mexican", v1::NORP},
                           {"russians", v1::NORP},
                           {"nigerians", v1::NORP}}));
  // Not a follower of an -ism or a faith, a language, an ordinary word,
  // nor an adjective before a thing.
  for (const auto& [text, type] : NamesIn("the marxists and the jihadists argued in english about polish "
                                          "poles and a swiss cheese model of the french fries. the catholics "
                                          "and the muslims booked a brazilian wax"))
    EXPECT_NE(type, v1::NORP) << text;
}

TEST(Engine, AWriterInLowerCaseStillNamesKnownPlaces) {
  const Named got = NamesIn(
      "fuel is now 1,200 per litre in ikeja and the queue in mumbai is worse. the news says new york city "
      "is next, and in iran and israel too");
  EXPECT_TRUE(HasAll(got, {{"ikeja", v1::LOC},
                           {"mumbai", v1::LOC},
                           {"new york city", v1::LOC},
                           {"iran", v1::LOC},
                           {"israel", v1::LOC}}));
  // One word alone needs a place's preposition; a name of ordinary words
  // only is as often a phrase.
  for (const auto& [text, type] : NamesIn("i met my friend jordan at the bus stop. a white house on the hill, "
                                          "bermuda shorts and a long beach walk. my niece sofia says hi")) {
    EXPECT_NE(text, "jordan");
    EXPECT_NE(text, "white house");
    EXPECT_NE(text, "bermuda");
    EXPECT_NE(text, "long beach");
    EXPECT_NE(text, "sofia");
  }
  const Named words = NamesIn(
      "got my new jersey and a turkey sandwich with chile sauce, may be the best day since march. the "
      "russians and the labour market can wait, trump card played");
  for (const auto& [text, type] : words) {
    EXPECT_NE(text, "jersey");
    EXPECT_NE(text, "turkey");
    EXPECT_NE(text, "chile");
    EXPECT_NE(text, "may");
    EXPECT_NE(text, "labour");
    EXPECT_NE(text, "trump");
  }
  // Words of addresses and handles are no names; a hashtag's and a stop's are.
  const Named addresses = NamesIn(
      "email me at desk@cctv-america.com or read talkingpointsmemo.com/news/2009/01/israel_bans_it now, "
      "follow @lagos_daily and #mumbai. back in frankfurt.");
  EXPECT_TRUE(HasAll(addresses, {{"frankfurt", v1::LOC}}));
  for (const auto& [text, type] : addresses) {
    EXPECT_NE(text, "america");
    EXPECT_NE(text, "israel");
    EXPECT_NE(text, "lagos");
  }
  // A writer who uses capitals: a lower-case word stays a word.
  const Named cased = NamesIn("The Minister said the ferry to mumbai was late. Officials in Delhi agreed.");
  for (const auto& [text, type] : cased) EXPECT_NE(text, "mumbai");
}

TEST(Engine, OceansSeasRiversAndMountainsAreTheKnowledgeBasesPlaces) {
  const Named got = NamesIn(
      "The cyclone formed in the southwest Indian Ocean and crossed the Mozambique Channel. Ships left the "
      "Pacific for the Strait of Malacca, while farmers along the Danube and the Mekong, the Nile Delta and "
      "Lake Victoria, the Andes and the Sahara counted the cost.");
  EXPECT_TRUE(HasAll(got, {{"Indian Ocean", v1::LOC},
                           {"Mozambique Channel", v1::LOC},
                           {"Pacific", v1::LOC},
                           {"Strait of Malacca", v1::LOC},
                           {"Danube", v1::LOC},
                           {"Mekong", v1::LOC},
                           {"Nile Delta", v1::LOC},
                           {"Lake Victoria", v1::LOC},
                           {"Andes", v1::LOC},
                           {"Sahara", v1::LOC}}));
  // A feature's words are no place words alone: the people "Indian", and
  // "Peace" of the Peace River or "Franz" of Franz Josef Land.
  const Named alone = NamesIn(
      "Indian voters went to the polls. Peace talks resumed in Geneva, and Franz Weber said the Religion of "
      "Peace debate was over.");
  EXPECT_TRUE(HasAll(alone, {{"Indian", v1::NORP}}));
  for (const auto& [text, type] : alone) {
    EXPECT_NE(text, "Peace") << text;
    if (text.starts_with("Franz")) {
      EXPECT_EQ(type, v1::PERSON) << text;
    }
  }
}

TEST(Engine, AHandleThatIsANameSpokenToInACommentIsAPerson) {
  const Named got = NamesIn(
      "gingerland came out strong yesterday lol. @Shawnette u owe me a roti. and @Santiago gracias for "
      "speaking up. @Akum see u at the night carnival");
  EXPECT_TRUE(HasAll(got, {{"Shawnette", v1::PERSON}, {"Santiago", v1::PERSON}, {"Akum", v1::PERSON}}));
  // Not a tweet's addresses (the model reads "@Henderburn" a person itself),
  // a handle of capitals or with an underscore, an organisation's, an e-mail
  // address.
  const Named tweets = NamesIn(
      "@Henderburn @Gormanghast this is the story. RT @Slate: read it. via @Santiago and mail desk@Madrid.com "
      "or @kamau_254, cc @PKL. @Reuters says so");
  for (const auto& [text, type] : tweets) {
    if (text == "Gormanghast" || text == "Slate" || text == "Madrid" ||
        text == "Reuters" || text == "PKL") {
      EXPECT_NE(type, v1::PERSON) << text;
    }
  }
}

TEST(Engine, APeopleOrAPlaceThenWordsEndingInABodysHeadIsOneOrganisation) {
  const Named got = NamesIn(
      "The Swedish Dockworkers' Union said it would strike. The Sudanese Armed Forces, led by a general, "
      "denied it. Andrea Rojas, president of the Chilean Astronomical Society, spoke, and talks between the "
      "Karachi Dock Labour Union and the operators collapsed.");
  EXPECT_TRUE(HasAll(got, {{"Swedish Dockworkers' Union", v1::ORG},
                           {"Sudanese Armed Forces", v1::ORG},
                           {"Chilean Astronomical Society", v1::ORG},
                           {"Karachi Dock Labour Union", v1::ORG}}));
  // A museum's, an orchestra's, a survey's head alone after a people (not
  // a people's opera or television: "Chinese Opera", "Korean Television
  // dramas"); an organisation's span before the people begins the name.
  EXPECT_TRUE(HasAll(NamesIn("He asked the British Museum to return it. Scientists from the British Antarctic Survey "
                             "heard the BBC Scottish Symphony Orchestra."),
                     {{"British Museum", v1::ORG},
                      {"British Antarctic Survey", v1::ORG},
                      {"BBC Scottish Symphony Orchestra", v1::ORG}}));
  // Not a headline in title case, not before more capitalised words.
  const Named not_one = NamesIn("Kenyan Teachers Protest Pay Council Plan\n\nThe French Football Federation Cup final "
                                "was played on Sunday.");
  for (const auto& [text, type] : not_one) {
    EXPECT_NE(text, "Kenyan Teachers Protest Pay Council") << text;
    EXPECT_NE(text, "French Football Federation") << text;
  }
}

TEST(Engine, AHeadlinesVerbFirstInASpanIsNoNamesWord) {
  const Named got = NamesIn(
      "Greenland Flies Patients to Copenhagen as Nurse Shortage Closes Nuuk Wards\n\nNUUK, Dec 5 (Reuters) - "
      "A shortage of nurses has closed two wards in Nuuk, the capital.");
  for (const auto& [text, type] : got) EXPECT_FALSE(text.starts_with("Closes")) << text;
  EXPECT_TRUE(HasAll(got, {{"Nuuk", v1::LOC}}));
}

TEST(Engine, AfroAndIndoBeforeAPeopleNameAPeopleOfTheirOwn) {
  EXPECT_TRUE(HasAll(NamesIn("An Indo-Fijian farmer spoke of Afro-Brazilian culture."),
                     {{"Indo-Fijian", v1::NORP}, {"Afro-Brazilian", v1::NORP}}));
  // Other combining forms stay out ("Franco-German" is the Germans').
  EXPECT_TRUE(HasAll(NamesIn("Franco-German ties were strong."), {{"German", v1::NORP}}));
}

TEST(Engine, AnOrganisationsAwardsAreItsCeremony) {
  EXPECT_TRUE(HasAll(NamesIn("She was named athlete of the year at the World Athletics Awards in Monaco on Saturday."),
                     {{"World Athletics Awards", v1::EVENT}}));
  // Not before another capitalised word ("Awards" as a headline's verb).
  for (const auto& [text, type] : NamesIn("Nobel Committee Awards Peace Prize to Activist\n\nOSLO - The prize went "
                                          "to an activist."))
    EXPECT_NE(text, "Nobel Committee Awards") << text;
}

TEST(Engine, ARallyOrASevensTournamentNamedByItsPlaceIsAnEvent) {
  const Named got = NamesIn(
      "Bikes for the 2027 Dakar Rally were loaded in Marseille. Australia won the Dubai Sevens on Sunday, "
      "and the Cape Town Sevens is next week.");
  EXPECT_TRUE(HasAll(got, {{"Dakar Rally", v1::EVENT}, {"Dubai Sevens", v1::EVENT}, {"Cape Town Sevens", v1::EVENT}}));
  // Not a party ("National Rally"), nor a place before more capitalised words.
  for (const auto& [text, type] : NamesIn("Jordan Bardella of the National Rally spoke. The Dubai Sevens Stadium "
                                          "filled early."))
    EXPECT_FALSE(type == v1::EVENT && (text == "National Rally" || text == "Dubai Sevens")) << text;
}

TEST(Engine, AnInstitutionNamedInARomanceLanguageIsOneOrganisation) {
  const Named got = NamesIn(
      "The Cour des comptes, France's audit court, warned. Banco Central do Brasil keeps its rate. The Office "
      "National de l'Huile (ONH) said, and Fundación Paz y Reconciliación, a watchdog, filed the complaint. "
      "Codelco, or Corporacion Nacional del Cobre de Chile, rose.");
  EXPECT_TRUE(HasAll(got, {{"Cour des comptes", v1::ORG},
                           {"Banco Central do Brasil", v1::ORG},
                           {"Office National de l'Huile", v1::ORG},
                           {"Fundación Paz y Reconciliación", v1::ORG},
                           {"Corporacion Nacional del Cobre de Chile", v1::ORG}}));
  // A head English shares needs the language's particle after it.
  for (const auto& [text, type] : NamesIn("He went to the Office in Paris. The Union delegates met in Lyon."))
    EXPECT_TRUE(text == "Office" || text == "Union" || text == "Paris" || text == "Lyon") << text;
}

TEST(Engine, DamsSubdivisionsAndNationalParksArePlaces) {
  const Named got = NamesIn(
      "Work on the Rogun Dam resumed, and the Antofagasta Region voted. Khao Yai National Park is closed, and "
      "Kisumu County police said so.");
  EXPECT_TRUE(HasAll(got, {{"Rogun Dam", v1::LOC},
                           {"Antofagasta Region", v1::LOC},
                           {"Khao Yai National Park", v1::LOC},
                           {"Kisumu County", v1::LOC}}));
  // A district's board is an organisation.
  EXPECT_TRUE(HasAll(NamesIn("The Clark County School District closed its schools."),
                     {{"Clark County School District", v1::ORG}}));
}

TEST(Engine, GeneralBeginsABodysName) {
  const Named got = NamesIn(
      "The company said it would appeal to the General Court in Luxembourg. She was a former engineer at "
      "General Electric. The General Elections Commission (KPU) declared the result.");
  EXPECT_TRUE(HasAll(got, {{"General Court", v1::ORG},
                           {"General Electric", v1::ORG},
                           {"General Elections Commission", v1::ORG}}));
  // A person's title stays out of the person's name.
  EXPECT_TRUE(HasAll(NamesIn("WHO Director-General Tedros Adhanom Ghebreyesus said so, and his army commander, "
                             "General Ratko Mladic, was indicted."),
                     {{"Tedros Adhanom Ghebreyesus", v1::PERSON}, {"Ratko Mladic", v1::PERSON}}));
  // A hospital's place before "General" and its head after it, which the
  // general's title had made a person.
  EXPECT_TRUE(HasAll(NamesIn("She died at Nicosia General Hospital. Massachusetts General Hospital said the trial "
                             "worked."),
                     {{"Nicosia General Hospital", v1::ORG}, {"Massachusetts General Hospital", v1::ORG}}));
  // Nor a title's "General" before a place ("Attorney General Texas" is no body).
  for (const auto& [text, type] : NamesIn("Attorney General Hospital workers were paid late, said Mr Ndlovu."))
    EXPECT_NE(text, "Attorney General Hospital") << text;
}

TEST(Engine, ACountrysBodyNamedByItsFieldAndTheCountry) {
  const Named got = NamesIn(
      "Officials from Cricket Australia met Netball Jamaica. Bank shares on Borsa Istanbul rose, and "
      "Meteo-France had issued a gale warning. Curling Canada said crowds were large.");
  EXPECT_TRUE(HasAll(got, {{"Curling Canada", v1::ORG}}));
  // A verb first in a sentence is no field's word ("Visit Japan in spring").
  EXPECT_TRUE(HasAll(NamesIn("Visit Japan in spring to see the cherry blossom."), {{"Japan", v1::LOC}}));
  EXPECT_TRUE(HasAll(got, {{"Cricket Australia", v1::ORG},
                           {"Netball Jamaica", v1::ORG},
                           {"Borsa Istanbul", v1::ORG},
                           {"Meteo-France", v1::ORG}}));
  // The field's word in lower case, or another capitalised word after the place.
  EXPECT_TRUE(HasAll(NamesIn("The team left Australia on Monday, and the Bank of England held rates."),
                     {{"Australia", v1::LOC}, {"Bank of England", v1::ORG}}));
}

TEST(Engine, AClubByItsPrefixOfCapitals) {
  const Named got = NamesIn(
      "HK Zemgale/LLU beat HK Liepāja 4-2 on Monday. Cameroonian champions FAP beat Senegal's AS Douanes 81-74, and "
      "Gor Mahia edged AFC Leopards 1-0.");
  EXPECT_TRUE(HasAll(got, {{"HK Zemgale/LLU", v1::ORG},
                           {"HK Liepāja", v1::ORG},
                           {"AS Douanes", v1::ORG},
                           {"AFC Leopards", v1::ORG}}));
  // A club's first word ("Dinamo", "Olympique", "Club"), not an event's.
  EXPECT_TRUE(HasAll(NamesIn("Dinamo Rīga edged HK Mogo/RSU 3-2, and the goalkeeper of Olympique Rhodanien, the French "
                             "club, met the Club Ciclista Rías Baixas. Chelsea won the Club World Cup."),
                     {{"Dinamo Rīga", v1::ORG},
                      {"Olympique Rhodanien", v1::ORG},
                      {"Club Ciclista Rías Baixas", v1::ORG},
                      {"Club World Cup", v1::EVENT}}));
  // A headline's "AS", a shouted "IF", the US Open.
  for (const auto& [text, type] : NamesIn("TURKEY STRIKES AS DOCKERS WALK OUT\n\nIF Brown did it, so be it. The US "
                                          "Open began on Monday."))
    EXPECT_FALSE(text.starts_with("AS ") || text.starts_with("IF ") || (text == "US Open" && type == v1::ORG)) << text;
}

TEST(Engine, ARoyalTitleBeginsThePlaceOrBodyNamedAfterItsBearer) {
  const Named got = NamesIn(
      "Bahrain wants the King Hamad Causeway folded in. She is a coral biologist at King Abdullah University of "
      "Science and Technology, and the RCMP closed part of the Queen Elizabeth II Highway.");
  EXPECT_TRUE(HasAll(got, {{"King Hamad Causeway", v1::LOC},
                           {"King Abdullah University of Science and Technology", v1::ORG},
                           {"Queen Elizabeth II Highway", v1::LOC}}));
  // A king is no part of his own name.
  EXPECT_TRUE(HasAll(NamesIn("King Charles visited Wales on Monday."), {{"Charles", v1::PERSON}}));
}

TEST(Engine, ALineOfScorersNamesPersons) {
  const Named got = NamesIn(
      "Kilcoo 1-12 Scotstown 0-14\n\nKilcoo beat Scotstown in Armagh on Sunday.\n\nScorers - Kilcoo: Mac Giolla "
      "Bhríde 1-2, Ó Néill 0-5 (0-3f), Magennis 0-3. Scotstown: Mac Suibhne 0-8, Treanor 0-3, Duffy 0-1.");
  EXPECT_TRUE(HasAll(got, {{"Mac Giolla Bhríde", v1::PERSON},
                           {"Ó Néill", v1::PERSON},
                           {"Mac Suibhne", v1::PERSON},
                           {"Duffy", v1::PERSON}}));
  for (const auto& [text, type] : got) EXPECT_FALSE(text == "Scotstown" && type == v1::PERSON) << text;
}

TEST(Engine, ARoleFirstInASentenceIsNoNamesWord) {
  const Named got = NamesIn(
      "The arena opened in 2016. Promoter Black Stars Promotions Ltd has a streaming deal. Organisers Amaury Sport "
      "Organisation said the route was long. Jungler Rizky Pratama was named player of the series.");
  EXPECT_TRUE(HasAll(got, {{"Black Stars Promotions Ltd", v1::ORG},
                           {"Amaury Sport Organisation", v1::ORG},
                           {"Rizky Pratama", v1::PERSON}}));
}

TEST(Engine, CentralEuropesLegalFormsInLowerCaseEndACompanysName) {
  const Named got = NamesIn(
      "Her publisher, Větrník a.s. of Olomouc, said so. Moravia Rally Team s.r.o., based in Kopřivnice, will enter "
      "two trucks. Rio Tinto's local unit, Rio Sava Exploration d.o.o., said the project would go on.");
  EXPECT_TRUE(HasAll(got, {{"Větrník a.s.", v1::ORG},
                           {"Moravia Rally Team s.r.o.", v1::ORG},
                           {"Rio Sava Exploration d.o.o.", v1::ORG}}));
  // A river's name is still a river's.
  EXPECT_TRUE(HasAll(NamesIn("The River Thames rose on Monday."), {{"River Thames", v1::LOC}}));
}

// A review's sentences (thirty-first session): the session's steps where
// they do not belong.
TEST(Engine, TheThirtyFirstSessionsStepsWhereTheyDoNotBelong) {
  auto has = [](const Named& got, std::string_view text, v1::EntityType type) {
    for (const auto& [t, ty] : got)
      if (t == text && ty == type) return true;
    return false;
  };
  // Initials before a name, abbreviations before a word: no club's prefix.
  EXPECT_TRUE(has(NamesIn("Former Kerala health minister KK Shailaja said it was wrong."), "KK Shailaja", v1::PERSON));
  for (const auto& [text, type] : NamesIn("HK Stocks Slide as China Data Disappoints\n\nClub Chairman Daniel Levy said so."))
    EXPECT_NE(type, v1::ORG) << text;
  // An English word after a Romance name; a title inside it.
  EXPECT_TRUE(has(NamesIn("A Banque de France official said rates would hold."), "Banque de France", v1::ORG));
  EXPECT_TRUE(has(NamesIn("The Banco de Portugal annual report was out."), "Banco de Portugal", v1::ORG));
  for (const auto& [text, type] : NamesIn("The Commission President de Gaulle famously vetoed Britain."))
    EXPECT_FALSE(text.starts_with("Commission President")) << text;
  // A country's handle, a function word's.
  for (const auto& [text, type] : NamesIn("Tagging @Ukraine here lol. Good morning @Everyone"))
    EXPECT_NE(type, v1::PERSON) << text;
  // A match report's abbreviations.
  for (const auto& [text, type] : NamesIn("Scorers: Saka 23, Havertz 67 (Arsenal). Att 60,218. HT 1-0."))
    EXPECT_FALSE(text == "Att" || text == "HT") << text;
  // A neighbour's "Indo-", a market's rally, a column's label, a king's palace.
  EXPECT_TRUE(has(NamesIn("Indo-Pakistani tensions rose."), "Pakistani", v1::NORP));
  EXPECT_TRUE(has(NamesIn("Miners Lead China Rally\n\nShares rose on Monday."), "China", v1::LOC));
  for (const auto& [text, type] : NamesIn("COMMENTARY, By John Kemp, Dec 5 (Reuters) - Oil prices rose."))
    EXPECT_NE(text, "COMMENTARY") << text;
  for (const auto& [text, type] : NamesIn("Crowds gathered outside King Charles's Palace on Monday."))
    EXPECT_NE(text, "King Charles's Palace") << text;
  // A general's name, a Chinese person's.
  for (const auto& [text, type] : NamesIn("General Haftar's Libyan National Army advanced. Zhang Wei and Bo Hai were "
                                          "detained."))
    EXPECT_FALSE(text == "General Haftar" || (text == "Bo Hai" && type == v1::LOC)) << text;
}

}  // namespace
TEST(Engine, APersonsNameWithAHyphenatedPartIsOneName) {
  const Named got = NamesIn(
      "Its director-general, Professor Kwabena Ofori-Atta Mensah, told lawmakers last month that new units were "
      "coming. Councillor for culture Catarina Albuquerque-Matos said 60 percent of the cost would come from Lisbon. "
      "Jury chair Sangeeta Rai-Gurung called the film a correction. Per-Ulrik Johansson (Sweden) shot 68. Van der "
      "Stoel chairman Jan-Willem van den Broek said the board had not met.");
  EXPECT_TRUE(HasAll(got, {{"Kwabena Ofori-Atta Mensah", v1::PERSON},
                           {"Catarina Albuquerque-Matos", v1::PERSON},
                           {"Sangeeta Rai-Gurung", v1::PERSON},
                           {"Per-Ulrik Johansson", v1::PERSON},
                           {"Jan-Willem van den Broek", v1::PERSON}}));
  // Two places or two persons joined by a hyphen stay two; a title before
  // the hyphen is no given name.
  const Named two = NamesIn(
      "Trade on the South Sudan-Uganda border slowed before the Putin-Trump summit. WHO Director-General Tedros "
      "Adhanom Ghebreyesus told reporters so.");
  EXPECT_TRUE(HasAll(two, {{"South Sudan", v1::LOC},
                           {"Uganda", v1::LOC},
                           {"Putin", v1::PERSON},
                           {"Trump", v1::PERSON},
                           {"Tedros Adhanom Ghebreyesus", v1::PERSON}}));
}

TEST(Engine, SpanishAndFilipinoParticlesBelongToTheSurname) {
  const Named got = NamesIn(
      "Jonel de los Santos will make his debut in London. De los Santos, who learned to throw in Davao, said so. "
      "Prosecutor Huamán de la Torre said the company paid. Former governor Rodolfo dela Cruz-Villanueva was found "
      "guilty.");
  EXPECT_TRUE(HasAll(got, {{"Jonel de los Santos", v1::PERSON},
                           {"De los Santos", v1::PERSON},
                           {"Huamán de la Torre", v1::PERSON},
                           {"Rodolfo dela Cruz-Villanueva", v1::PERSON}}));
  // A place's particles are still the place's.
  EXPECT_TRUE(HasAll(NamesIn("They met at the Plaza de la Constitución in Mexico City."),
                     {{"Plaza de la Constitución", v1::LOC}}));
  // A sentence's first word that is no name before the particles: the
  // surname takes its particles, not the word.
  EXPECT_TRUE(HasAll(NamesIn("Ursula von der Leyen spoke. Later von der Leyen said the deal was done."),
                     {{"von der Leyen", v1::PERSON}}));
}

TEST(Engine, ACentralAsianPatronymicWordEndsTheName) {
  const Named got = NamesIn(
      "Sixteen-year-old Aizada Nurlanbek kyzy of Kyrgyzstan beat the top seed on Tuesday. Nurlanbek kyzy, who "
      "learned the game at a school club, leads by half a point.");
  EXPECT_TRUE(HasAll(got, {{"Aizada Nurlanbek kyzy", v1::PERSON}, {"Nurlanbek kyzy", v1::PERSON}}));
}

TEST(Engine, ASelectorOrAnAssociateJusticeIsNoNamesWord) {
  const Named got = NamesIn(
      "In a 96-page decision, Associate Justice Maria Corazon Lim-Bautista wrote that he lied. Selector Hamish "
      "Tuiasosopo-Reid said the left-hander was ready.");
  EXPECT_TRUE(HasAll(got, {{"Maria Corazon Lim-Bautista", v1::PERSON}, {"Hamish Tuiasosopo-Reid", v1::PERSON}}));
  for (const auto& [text, type] : got) EXPECT_TRUE(text.find("Associate") == std::string::npos) << text;
}

TEST(Engine, ACountrysSportsBodyAfterItsNameAndABodysBranch) {
  const Named got = NamesIn(
      "New Zealand Cricket selectors named him on Sunday. USA Swimming said the trials would go ahead. UK "
      "Athletics named the team. The fishermen were backed by Greenpeace Africa, which said stocks were falling. "
      "Oxfam America said aid was blocked.");
  EXPECT_TRUE(HasAll(got, {{"New Zealand Cricket", v1::ORG},
                           {"USA Swimming", v1::ORG},
                           {"UK Athletics", v1::ORG},
                           {"Greenpeace Africa", v1::ORG},
                           {"Oxfam America", v1::ORG}}));
  // Not before another capitalised word, nor on a headline in title case.
  const Named not_bodies = NamesIn("He played for the New Zealand Cricket Team for ten years.");
  for (const auto& [text, type] : not_bodies) EXPECT_NE(text, "New Zealand Cricket");
  // A people's sport is the sport; a country's before its fans is the side.
  for (const auto& [text, type] : NamesIn("The future of English Football is bright, and thousands of Ireland "
                                          "Rugby fans travelled. Japanese Baseball star Shohei Ohtani homered.")) {
    EXPECT_NE(text, "English Football");
    EXPECT_NE(text, "Japanese Baseball");
  }
}

TEST(Engine, AnAccentTheKnowledgeBaseHasNotStillMatchesItsName) {
  const Named got = NamesIn("Burkinabè filmmakers have won the top prize twice. He flew on to Kraków.");
  EXPECT_TRUE(HasAll(got, {{"Burkinabè", v1::NORP}, {"Kraków", v1::LOC}}));
  // A given name so folded stays a person's ("Germán" is no "German").
  const Named person = NamesIn("Their Argentine forward Germán Cano said the squad was tired.");
  EXPECT_TRUE(HasAll(person, {{"Germán Cano", v1::PERSON}}));
}

TEST(Engine, ABodysAcronymAfterAHeadlinesSportIsTheBody) {
  for (const char* text : {"BASKETBALL - NBA RESULTS.\n\nNEW YORK 1997-03-06\n\nResults of games on Wednesday.",
                           "ICE HOCKEY - NHL STANDINGS.\n\nNEW YORK 1996-11-16\n\nStandings after Friday."}) {
    const Named got = NamesIn(text);
    EXPECT_TRUE(std::any_of(got.begin(), got.end(), [](const auto& m) {
      return (m.first == "NBA" || m.first == "NHL") && m.second == v1::ORG;
    })) << text;
  }
  // A word of the headline that is no body stays nothing.
  for (const auto& [text, type] : NamesIn("SOCCER - ALL RESULTS.\n\nLONDON 1996-08-24\n\nResults.")) {
    EXPECT_NE(text, "ALL");
  }
}

TEST(Engine, ABodyNamedByItsPlaceAndItsHead) {
  const Named got = NamesIn(
      "December corn futures on the Chicago Board of Trade rose. A senior dealer at Fuji Bank Ltd said so. The "
      "Paris Bourse fell.");
  EXPECT_TRUE(HasAll(got, {{"Chicago Board of Trade", v1::ORG}, {"Fuji Bank Ltd", v1::ORG}, {"Paris Bourse", v1::ORG}}));
  // A municipality is as often the territory.
  for (const auto& [text, type] : NamesIn("Flooding hit 40 villages in Kumanovo Municipality on Monday."))
    EXPECT_NE(type, v1::ORG) << text;
  // A place that ends in "Bank" is still the place.
  EXPECT_TRUE(HasAll(NamesIn("Settlers in the West Bank protested on Monday."), {{"West Bank", v1::LOC}}));
}

TEST(Engine, ATitlesComplementWithItsArticleIsNoPartOfTheName) {
  const Named got = NamesIn(
      "It was the first decision since Chancellor of the Exchequer Gordon Brown handed the bank its independence.");
  EXPECT_TRUE(HasAll(got, {{"Gordon Brown", v1::PERSON}}));
  for (const auto& [text, type] : got) EXPECT_EQ(text.find("Exchequer"), std::string::npos) << text;
}

TEST(Engine, ClubsNamedByTheirTownOnASportsPage) {
  const Named rugby = NamesIn(
      "Munster came from 15 points down to beat Glasgow Warriors 24-22 at Thomond Park on Saturday. \"We kept "
      "asking questions,\" Munster head coach Declan Fennelly said. The result lifts Munster two points behind "
      "Leinster, who beat the Stormers 31-17 in Dublin on Friday. Elsewhere, Connacht won 19-16 away to the Ospreys "
      "in Swansea.");
  EXPECT_TRUE(HasAll(rugby, {{"Munster", v1::ORG},
                             {"Leinster", v1::ORG},
                             {"Connacht", v1::ORG},
                             {"Dublin", v1::LOC},
                             {"Swansea", v1::LOC}}));
  const Named hockey = NamesIn(
      "ZURICH - EV Zug extended their lead with a 4-1 win over SCL Tigers, while HC Lugano beat HC Davos 5-3. "
      "Swedish forward Oskar Berg scored twice for Zug. In Lugano, Davos led 3-1 midway through the game.\n\nNEXT "
      "GAMES (Tuesday): Bern v Zug; Biel v Lugano.");
  EXPECT_TRUE(HasAll(hockey, {{"EV Zug", v1::ORG}, {"Zug", v1::ORG}, {"HC Lugano", v1::ORG}}));
  // The town after a place's preposition, and a dateline, stay places.
  size_t lugano_places = 0;
  for (const auto& [text, type] : hockey) lugano_places += text == "Lugano" && type == v1::LOC;
  EXPECT_GE(lugano_places, 1u);
  // Two national sides stay places after "the".
  EXPECT_TRUE(HasAll(NamesIn("WELLINGTON, Dec 7 - New Zealand beat the West Indies by 186 runs at the Basin Reserve."),
                     {{"New Zealand", v1::LOC}, {"West Indies", v1::LOC}}));
}

TEST(Engine, ACompanyBeforeItsExchangeAndTicker) {
  const Named got = NamesIn(
      "Mineral Resources (ASX: MIN) gained 6.2 per cent. Woodside Energy (ASX: WDS) eased 0.4 per cent. Shares of "
      "Fortescue (ASX: FMG) firmed and Westpac (ASX: WBC) shed 0.8 per cent. Commonwealth Bank of Australia "
      "(ASX: CBA) lost 1.4 per cent. Safaricom PLC (NSE: SCOM) and Romgaz (BVB: SNG) rose. Buenaventura (NYSE: BVN; "
      "BVL: BUENAVC1) added 1.7% and Rio (ASX: RIO.AX) rose.");
  EXPECT_TRUE(HasAll(got, {{"Mineral Resources", v1::ORG},
                           {"ASX", v1::ORG},
                           {"MIN", v1::ORG},
                           {"NSE", v1::ORG},
                           {"SCOM", v1::ORG},
                           {"BVB", v1::ORG},
                           {"SNG", v1::ORG},
                           {"BVN", v1::ORG},
                           {"BVL", v1::ORG},
                           {"BUENAVC1", v1::ORG},
                           {"RIO.AX", v1::ORG},
                           {"Woodside Energy", v1::ORG},
                           {"Fortescue", v1::ORG},
                           {"Westpac", v1::ORG},
                           {"Commonwealth Bank of Australia", v1::ORG}}));
  for (const auto& [text, type] : got) EXPECT_EQ(text.find("Shares"), std::string::npos) << text;
  // A city after "in" stays the city; a ticker of digits names nothing.
  const Named city = NamesIn("Shares in Warsaw (WSE: PKO) rallied. Saudi Aramco (TADAWUL: 2222) rose.");
  EXPECT_TRUE(HasAll(city, {{"Warsaw", v1::LOC}, {"PKO", v1::ORG}}));
  for (const auto& [text, type] : city) EXPECT_NE(text, "2222");
}

TEST(Engine, APlaceBeforeADepartmentsOfficeAndAProvincesAbbreviation) {
  const Named got = NamesIn(
      "PINCHER FALLS, Alta. - Barges were stuck for a week. Mississippi Agriculture Commissioner J. Dale Whitcomb "
      "said farmers were waiting. Texas Agriculture Commissioner Sid Miller agreed. Ohio Transportation Director "
      "Pamela Boyd and Iowa Insurance Commissioner Doug Ommen disagreed.");
  EXPECT_TRUE(HasAll(got, {{"Alta.", v1::LOC},
                           {"Mississippi", v1::LOC},
                           {"Texas", v1::LOC},
                           {"Sid Miller", v1::PERSON},
                           {"Ohio", v1::LOC},
                           {"Iowa", v1::LOC}}));
  for (const auto& [text, type] : got)
    for (const char* department : {"Agriculture", "Transportation", "Insurance"})
      EXPECT_EQ(text.find(department), std::string::npos) << text;
}

TEST(Engine, ACommentsPlacesInLowerCaseAmongCapitals) {
  v1::Document c;
  c.set_id("c1");
  c.set_kind("comment");
  c.set_published_at("2026-12-01T10:00:00Z");
  c.set_text("@Nurlan Kazakhstan wants to be a hub but the AIFC rules are written for banks from london, not for "
             "ppl in shymkent with 200k tenge savings. my friend jordan agrees.");
  auto out = TheEngine().Enrich(c);
  ASSERT_TRUE(out.ok());
  Named got;
  for (const auto& e : out->entities()) got.emplace_back(e.text(), e.type());
  EXPECT_TRUE(HasAll(got, {{"london", v1::LOC}, {"shymkent", v1::LOC}}));
  // A friend's name is no place; an article's lower-case words stay words.
  for (const auto& [text, type] : got) EXPECT_NE(text, "jordan");
  for (const auto& [text, type] : NamesIn("Rules are written for banks from london, not for savers in shymkent."))
    EXPECT_NE(text, "london");
}

TEST(Engine, AStormTheModelLeftUntaggedOnAPageOfWeather) {
  EXPECT_TRUE(HasAll(NamesIn("A publican whose bar flooded when the river burst its banks during Storm Babet has "
                             "been awarded damages."),
                     {{"Storm Babet", v1::EVENT}}));
  // Missiles are no storm: the storm's own word is no weather.
  for (const auto& [text, type] : NamesIn("Ukraine fired Storm Shadow missiles at the bridge, officials said."))
    EXPECT_NE(type, v1::EVENT) << text;
}

TEST(Engine, AHorseRaceByItsNameIsAnEvent) {
  const Named got = NamesIn(
      "Silver Bracken won the Grade 1 Hatton's Grace Hurdle at Fairyhouse on Sunday, beating the favourite by four "
      "lengths. The trainer's gelding took Sunday's Becher Chase, and the colt won the Lincoln Handicap before the "
      "2,000 Guineas.");
  EXPECT_TRUE(HasAll(got, {{"Hatton's Grace Hurdle", v1::EVENT},
                           {"Becher Chase", v1::EVENT},
                           {"Lincoln Handicap", v1::EVENT},
                           {"2,000 Guineas", v1::EVENT}}));
  for (const auto& [text, type] : got) EXPECT_NE(text, "Hatton") << text;
  // A trainer's possessive before the race stays the trainer's; a longer
  // name, and a person named Chase, are no races.
  const Named trainer = NamesIn(
      "Nicky Henderson's Champion Hurdle winner was ridden by Nico de Boinville. The mare won by two lengths over "
      "two furlongs. The golf body said the new World Handicap System starts in January.");
  EXPECT_TRUE(HasAll(trainer, {{"Nicky Henderson", v1::PERSON}}));
  for (const auto& [text, type] : trainer) EXPECT_EQ(text.find("Handicap"), std::string::npos) << text;
  // A bank off a page of racing, and a headline's stakes, are no races.
  for (const auto& [text, type] :
       NamesIn("Raising The Stakes On Climate\n\nShares of JPMorgan Chase fell 2% as bonds rallied."))
    EXPECT_NE(type, v1::EVENT) << text;
}

TEST(Engine, ARacehorseIsNoEntity) {
  const Named got = NamesIn(
      "Crown Vermilion, ridden by Christophe Lemaire, came from near the back to win by a neck. Kyoto Lantern, the "
      "four-year-old colt, faded, and the Irish-trained Galway Bay Light was second. Galway Bay Light's trainer, Aidan "
      "O'Brien, was pleased. Ridden by J.J. Kavanagh, the six-year-old mare travelled sweetly over two furlongs.");
  EXPECT_TRUE(HasAll(got, {{"Christophe Lemaire", v1::PERSON}, {"Aidan O'Brien", v1::PERSON}, {"J.J. Kavanagh", v1::PERSON}}));
  for (const auto& [text, type] : got)
    for (const char* horse : {"Crown Vermilion", "Kyoto Lantern", "Galway Bay Light"}) EXPECT_NE(text, horse);
  // An athlete who is the favourite, a politician jockeying for position,
  // a trainer's jockey: no horses.
  EXPECT_TRUE(HasAll(NamesIn("Femke Bol, the favourite, won the 400m hurdles in Paris. Femke Bol said the stakes "
                             "were high."),
                     {{"Femke Bol", v1::PERSON}}));
  EXPECT_TRUE(HasAll(NamesIn("Willie Mullins's jockey Paul Townend was unseated after three furlongs. The mare is "
                             "fine, Willie Mullins said. The gelding won by two lengths."),
                     {{"Willie Mullins", v1::PERSON}, {"Paul Townend", v1::PERSON}}));
  // An athlete's trainer off a page of racing: the athlete stays.
  EXPECT_TRUE(HasAll(NamesIn("Eliud Kipchoge's trainer, Patrick Sang, said the runner was ready for the race."),
                     {{"Eliud Kipchoge", v1::PERSON}}));
}

TEST(Engine, AClubByItsPluralVerbOnAPageWithAScore) {
  const Named got = NamesIn(
      "Vardar beat Kielce 31-29 on Thursday. \"Kielce are stronger on paper, but paper does not play handball,\" "
      "the coach said. Sydney host Fremantle on Saturday, while Tromso and Harstad are seeking state money for new "
      "halls.");
  EXPECT_TRUE(HasAll(got, {{"Kielce", v1::ORG}, {"Sydney", v1::ORG}}));
  // The second of two places joined by "and" stays a place.
  for (const auto& [text, type] : got) {
    if (text == "Harstad") {
      EXPECT_EQ(type, v1::LOC);
    }
  }
  // No score on the page: a town's plural verb says nothing.
  for (const auto& [text, type] : NamesIn("Tokyo were among the cities hit by the storm, officials said."))
    EXPECT_NE(type, v1::ORG) << text;
}

TEST(Engine, AMarginGluedBeforeTheResultMakesASportsPage) {
  // No score in "2-1" form: the six-wicket win says the page is sport's.
  const Named got = NamesIn(
      "Ngata-Walker struck an unbeaten 142 to steer the Wellington Firebirds to a six-wicket win over Canterbury. "
      "Canterbury host Otago next week.");
  EXPECT_TRUE(HasAll(got, {{"Canterbury", v1::ORG}}));
  for (const auto& [text, type] : NamesIn("Canterbury host Otago next week at the regional summit on housing."))
    EXPECT_NE(type, v1::ORG) << text;
  // A long shot's win is a politician's.
  for (const auto& [text, type] : NamesIn("Ramaswamy's long-shot win stunned pundits. Ohio have never backed an "
                                          "outsider."))
    EXPECT_NE(type, v1::ORG) << text;
}

// A one-word organisation of the knowledge base right after a capitalised
// word is left to the model unless another match ends there: a cue's
// candidate ("Trades Union", by its organisation word) is no match.
TEST(Engine, AOneWordOrganisationAfterANamesWordIsTheModels) {
  const Named got = NamesIn(
      "John Monks, general secretary of the Trades Union Congress, said the rise would cost jobs. Protesters "
      "marched for Mike Brown in Ferguson.");
  EXPECT_TRUE(HasAll(got, {{"Trades Union Congress", v1::ORG}, {"Mike Brown", v1::PERSON}}));
  for (const auto& [text, type] : got) EXPECT_NE(text, "Congress") << text;
}

TEST(Engine, AnAcronymOpeningItsSentenceBeforeABodysVerb) {
  const Named got = NamesIn(
      "Competition is fierce. AWS said the market was highly competitive. NICE said on Tuesday that the drug was "
      "approved. The CBA did its job for once.");
  EXPECT_TRUE(HasAll(got, {{"AWS", v1::ORG}, {"NICE", v1::ORG}, {"CBA", v1::ORG}}));
  // A word the text writes in lower case too, and a line in capitals, are none.
  for (const auto& [text, type] :
       NamesIn("It was nice weather. NICE said nothing of it.\n\nTHE MINISTER SAID NO"))
    EXPECT_NE(type, v1::ORG) << text;
  // An office, a measure, a shout are no bodies.
  for (const auto& [text, type] : NamesIn("The CEO said the company would cut 4,000 jobs. GDP did not grow. "
                                          "NOBODY said it would be easy."))
    EXPECT_NE(type, v1::ORG) << text;
}

TEST(Engine, ADigestsResultLineWithACommaAndAComment) {
  const Named got = NamesIn(
      "LIIGA ROUNDUP\n\nKarpat 3, HIFK 2 (OT) - Jasper Lindqvist wins it at 62:41 in Oulu.\n\nKalPa 5, SaiPa 3 - "
      "Kuopio side extend winning run to six.\n\nJukurit 3, Sport 3 - Sport win the shootout 2-1.");
  EXPECT_TRUE(HasAll(got, {{"Karpat", v1::ORG},
                           {"HIFK", v1::ORG},
                           {"KalPa", v1::ORG},
                           {"SaiPa", v1::ORG},
                           {"Jukurit", v1::ORG},
                           {"Sport", v1::ORG},
                           {"Jasper Lindqvist", v1::PERSON},
                           {"Oulu", v1::LOC}}));
  // Prose with a comma after a number is no results line, nor is a poll's
  // or a vote's.
  for (const auto& [text, type] : NamesIn("Exports rose 4, imports 2 - a gap, said Anna Berg in Oslo."))
    EXPECT_NE(type, v1::ORG) << text;
  for (const auto& [text, type] : NamesIn("POLL\n\nHarris 48, Trump 47 - Quinnipiac poll\n\nYes 52, No 48 - a "
                                          "survey of voters"))
    if (text == "Harris" || text == "Trump" || text == "Yes") {
      EXPECT_NE(type, v1::ORG) << text;
    }
  // A basketball digest's rows, scores from 50 to 199 on a sports page; not
  // an election's seats off one.
  EXPECT_TRUE(HasAll(NamesIn("BASKETBALL-EUROLEAGUE RESULTS\n\nPartizan 88, Zalgiris 81\nBarcelona 79, Baskonia "
                             "77\nVirtus Bologna 74, Olimpia Milano 68"),
                     {{"Partizan", v1::ORG}, {"Zalgiris", v1::ORG}, {"Barcelona", v1::ORG}, {"Baskonia", v1::ORG},
                      {"Virtus Bologna", v1::ORG}, {"Olimpia Milano", v1::ORG}}));
  for (const auto& [text, type] : NamesIn("SEATS AFTER THE COUNT\n\nPeter Dutton 88, Anthony Albanese 81\n"))
    EXPECT_NE(type, v1::ORG) << text;
  // Nor a fans' vote on a basketball page, nor a club's budget (a review's).
  EXPECT_TRUE(HasAll(NamesIn("NBA ALL-STAR FAN VOTE\n\nLeBron James 150, Stephen Curry 145\nKevin Durant 120, Luka "
                             "Doncic 110"),
                     {{"LeBron James", v1::PERSON}, {"Stephen Curry", v1::PERSON}}));
  for (const auto& [text, type] : NamesIn("Team budget for the basketball club\n\nSalaries 120, Travel 60\n"
                                          "Equipment 55, Marketing 70"))
    EXPECT_NE(type, v1::ORG) << text;
}

TEST(Engine, AResultsLineMakesASportsPage) {
  // No score in "2-1" form: the results line under the headline says the
  // page is sport's, so "Braga goalkeeper" makes the club, and the club's
  // town in the prose is the club (the page in English, as given).
  auto english = [](const std::string& text) {
    v1::Document d;
    d.set_id("r");
    d.set_kind("article");
    d.set_published_at("2026-11-29T23:10:00Z");
    d.set_language("en");
    d.set_text(text);
    auto out = TheEngine().Enrich(d);
    Named got;
    if (out.ok())
      for (const auto& e : out->entities()) got.emplace_back(e.text(), e.type());
    return got;
  };
  const Named got = english(
      "Horta double settles Minho derby as Braga see off Vit\u00f3ria\n\nBraga 3 Vit\u00f3ria de Guimar\u00e3es "
      "1\n\nRicardo Horta scored twice in the second half as Braga came from behind to beat their neighbours from "
      "Guimar\u00e3es at the Est\u00e1dio Municipal de Braga on Sunday night and move within four points of the top "
      "of the Primeira Liga.\n\nThe visitors had led at the break through a looping header from Samu Abreu, who "
      "rose above Braga goalkeeper Rui Fonseca to meet a corner in the 38th minute.");
  int clubs = 0;
  for (const auto& [text, type] : got) {
    if (text == "Braga") {
      EXPECT_EQ(type, v1::ORG);
      ++clubs;
    }
  }
  EXPECT_EQ(clubs, 4);
  // A line of prose with two numbers is no results line.
  for (const auto& [text, type] : english("Evora has 3 bridges and Lisbon has 2 airports.\n\nEvora goalkeeper "
                                          "training starts at 9."))
    EXPECT_NE(type, v1::ORG) << text;
}

TEST(Engine, AGivenNameThatIsAPeoplesWordBeforeASurname) {
  const Named got = NamesIn(
      "Chancellor Christian Stocker said on Thursday the case would go ahead. A Finn Russell penalty sealed it. The "
      "Christian Democrats won.");
  EXPECT_TRUE(HasAll(got, {{"Christian Stocker", v1::PERSON}, {"Finn Russell", v1::PERSON}}));
  for (const auto& [text, type] : got) EXPECT_NE(text, "Stocker") << text;
}

TEST(Engine, APlacesPeopleByItsEndingIsAPeople) {
  const Named got = NamesIn(
      "Richmond selected Tasmanian key forward Oscar Delaney-White. Roma and Cape Verdean families live there. The "
      "Victorian Government agreed.");
  EXPECT_TRUE(HasAll(got, {{"Tasmanian", v1::NORP}, {"Cape Verdean", v1::NORP}}));
  // Before a capitalised word the name goes on: a body's.
  for (const auto& [text, type] : got) EXPECT_NE(text, "Victorian") << text;
}

TEST(Engine, ASalmonFarmersTradeEndsItsName) {
  const Named got = NamesIn("Rivals SalMar and Leroy Seafood report later this month. Grieg Seafood shares fell 2%.");
  EXPECT_TRUE(HasAll(got, {{"Leroy Seafood", v1::ORG}, {"Grieg Seafood", v1::ORG}}));
}

// A name of several words the model would type otherwise is a person's
// when the document names its last word alone, and only as a person.
TEST(Engine, ASurnameAloneTellsItsFullName) {
  const Named got = NamesIn(
      "ROTTERDAM – Kenyan Faith Jepkemboi Rotich won the women's race in 2:17:10. Rotich, 27, broke away at 35 "
      "kilometres. Rotich said the wind was strong.");
  EXPECT_TRUE(HasAll(got, {{"Faith Jepkemboi Rotich", v1::PERSON}, {"Rotich", v1::PERSON}}));
  // An organisation's word at the end keeps the name an organisation's.
  EXPECT_TRUE(HasAll(NamesIn("Shares of Hartwell Holdings rose. Hartwell said profit doubled. Hartwell, who founded "
                             "it, is 80."),
                     {{"Hartwell Holdings", v1::ORG}}));
}

// A Korean or Chinese name with a hyphened given name is one person's,
// whatever English words its syllables spell.
TEST(Engine, AHyphenedGivenNameAfterASurnameIsOnePerson) {
  const Named got = NamesIn(
      "Former president Moon Jae-in met Seoul mayor Oh Se-hoon. Lawmaker Lee So-young and Ahn Do-hyun spoke after "
      "Cardinal Stephen Kim Sou-hwan. Taipei named Huang Chih-wei.");
  EXPECT_TRUE(HasAll(got, {{"Moon Jae-in", v1::PERSON},
                           {"Oh Se-hoon", v1::PERSON},
                           {"Lee So-young", v1::PERSON},
                           {"Ahn Do-hyun", v1::PERSON},
                           {"Stephen Kim Sou-hwan", v1::PERSON},
                           {"Huang Chih-wei", v1::PERSON}}));
  // Not a prefix in a headline's title case.
  for (const auto& [text, type] : NamesIn("Seoul Park Re-opens After Storm\n\nThe park reopened."))
    EXPECT_NE(text, "Park Re-opens") << text;
}

// A firm named after a place is one organisation's name, each time the
// document writes it; a body's word after a place is not joined.
TEST(Engine, AFirmNamedAfterAPlaceIsOneName) {
  const Named got = NamesIn(
      "CAIRO, Nov 2 – Dahab Pay, a mobile money company, said hackers stole data. Officials said Dahab Pay had hired "
      "a firm. In Egypt, where Dahab Pay has 280,000 customers, the bank acted.");
  int whole = 0;
  for (const auto& [text, type] : got) {
    EXPECT_NE(text, "Dahab") << text;
    whole += text == "Dahab Pay" && type == v1::ORG;
  }
  EXPECT_EQ(whole, 3);
  for (const auto& [text, type] : NamesIn("The mayor of Bogota Congress members met on Monday."))
    EXPECT_NE(text, "Bogota Congress") << text;
}

// An institution named in a Romance language takes its bracketed acronym
// with it, though the name became whole only after the acronyms' step.
TEST(Engine, ARomanceInstitutionsAcronymInBrackets) {
  EXPECT_TRUE(HasAll(NamesIn("On the Altiplano, the harvest around Oruro is expected to drop by a fifth after three "
                             "dry months, according to the Asociación Nacional de Productores de Leche (ANAPLE). "
                             "Evaristo Mamani, who farms near the lake, said he had lost."),
                     {{"Asociación Nacional de Productores de Leche", v1::ORG}, {"ANAPLE", v1::ORG}}));
}

// A word between places of a list is a place, though the knowledge base
// leaves it out of its places as a given name.
TEST(Engine, AWordBetweenPlacesOfAListIsAPlace) {
  EXPECT_TRUE(HasAll(NamesIn("The collection includes pieces on loan from museums in Naples, Florence and Tunis."),
                     {{"Naples", v1::LOC}, {"Florence", v1::LOC}, {"Tunis", v1::LOC}}));
}

// A name the steps after the document's vote found is tagged where the
// document repeats it alone, but not as a part of a hyphened name.
TEST(Engine, ANameFoundLateIsTaggedWhereRepeated) {
  const Named got = NamesIn(
      "The grid operator Vorsland said on Monday the cable had tripped. There was no sign of sabotage, Vorsland "
      "said. Shareholders of Altyn-Tash and Tash Mining met.");
  int repeats = 0;
  for (const auto& [text, type] : got) repeats += text == "Vorsland" && type == v1::ORG;
  EXPECT_EQ(repeats, 2);
}

// The last two places of a list that the model joined at "and" are two
// places.
TEST(Engine, TheLastTwoPlacesOfAListAreTwo) {
  const Named got = NamesIn("Cases rose in the week to Nov 29, most of them in Ondo, Edo and Bauchi states.");
  for (const auto& [text, type] : got) EXPECT_EQ(text.find(" and "), std::string::npos) << text;
  EXPECT_TRUE(HasAll(got, {{"Ondo", v1::LOC}, {"Bauchi", v1::LOC}}));
}

// A one-word name between commas after a body's noun is the body's; a
// person's name of two words after a role stays a person's.
TEST(Engine, ANameAfterABodysNounIsTheBodys) {
  EXPECT_TRUE(HasAll(NamesIn("Peru's national weather service, SENAMHI, said coastal waters had warmed."),
                     {{"SENAMHI", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("Colombia's tax and customs agency, Dirtax, said it would add staff."),
                     {{"Dirtax", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("The award was collected by her producer, Reza Tabrizi, who read a statement."),
                     {{"Reza Tabrizi", v1::PERSON}}));
}

// Peoples and dynasties of the past by their adjectives, and states of the
// past, from the knowledge base's hand-written list.
TEST(Engine, PeoplesAndStatesOfThePast) {
  const Named got = NamesIn(
      "The museum shows Fatimid coins, Etruscan tombs and Mughal miniatures from the Ottoman Empire, the Fatimid "
      "Caliphate and Austria-Hungary.");
  EXPECT_TRUE(HasAll(got, {{"Fatimid", v1::NORP},
                           {"Etruscan", v1::NORP},
                           {"Mughal", v1::NORP},
                           {"Ottoman Empire", v1::LOC},
                           {"Fatimid Caliphate", v1::LOC},
                           {"Austria-Hungary", v1::LOC}}));
}

// A region's adjective of two words is one people's word, and begins a
// longer name when one goes on.
TEST(Engine, ARegionsAdjectiveOfTwoWords) {
  const Named got = NamesIn(
      "Central Asian producers and West African authors met East African farmers. The South American Volleyball "
      "Confederation agreed.");
  EXPECT_TRUE(HasAll(got, {{"Central Asian", v1::NORP},
                           {"West African", v1::NORP},
                           {"East African", v1::NORP},
                           {"South American Volleyball Confederation", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("The three Baltic states left the grid, as the Nordic countries and the Western "
                             "Balkans watched."),
                     {{"Baltic states", v1::LOC}, {"Nordic countries", v1::LOC}, {"Western Balkans", v1::LOC}}));
}

// A name before ", the state body that ..." or ", a spinout from ..." is a
// body's or a company's.
TEST(Engine, ANameBeforeABodyOrASpinoutInApposition) {
  EXPECT_TRUE(HasAll(NamesIn("The firm is studying a project with Hydrax, the state body that allocates land."),
                     {{"Hydrax", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("Results were mixed. Corvale, a spinout from the University of Oxford, was founded in "
                             "2019."),
                     {{"Corvale", v1::ORG}}));
}

// An organisation of the knowledge base written with "&" is found written
// with "and".
TEST(Engine, AnAmpersandOfTheKnowledgeBaseWrittenAnd) {
  EXPECT_TRUE(HasAll(NamesIn("Procter and Gamble and Marks and Spencer reported. Johnson and Johnson fell."),
                     {{"Procter and Gamble", v1::ORG}, {"Marks and Spencer", v1::ORG}, {"Johnson and Johnson", v1::ORG}}));
}

// A people's word alone that a person's name of the document ends with is
// the person's surname before a person's verb; a people's still before a
// noun.
TEST(Engine, APeoplesWordThatIsAPersonsSurname) {
  const Named got = NamesIn(
      "Prosecutor Daniel Cossack said the defendant would be charged. Cossack said more arrests were likely. "
      "Cossack horsemen rode in the parade.");
  int persons = 0, peoples = 0;
  for (const auto& [text, type] : got) {
    persons += text == "Cossack" && type == v1::PERSON;
    peoples += text == "Cossack" && type == v1::NORP;
  }
  EXPECT_EQ(persons, 1);
  EXPECT_EQ(peoples, 1);
}

// A holiday is a date, not a name inside it; an event that is a date too
// stays ("9/11").
TEST(Engine, AHolidayIsADateNotAName) {
  const v1::EnrichedDocument d = EnrichText(
      "Fireworks lit up the harbour on New Year's Eve. Shops reopen on New Year's Day, after Christmas. "
      "Christmas Island is far.",
      "2026-12-05T10:00:00Z");
  for (const auto& e : d.entities()) {
    EXPECT_EQ(e.text().find("New Year"), std::string::npos) << e.text();
    EXPECT_NE(e.text(), "Eve");
    EXPECT_NE(e.text(), "Christmas");
  }
  EXPECT_NE(FindEntity(d, "Christmas Island"), nullptr);
  EXPECT_GE(d.dates_size(), 3);
}

// A place of the knowledge base after a place's preposition is a place,
// though the model made it an organisation.
TEST(Engine, AKnowledgeBasePlaceAfterAPrepositionIsAPlace) {
  EXPECT_TRUE(HasAll(NamesIn("The flour was made by Molinos del Teide, a family-owned mill in Güímar on Tenerife, "
                             "and sold under its own label."),
                     {{"Tenerife", v1::LOC}}));
  EXPECT_TRUE(HasAll(NamesIn("Few start-ups from Slovenia had to move to Munich or London to raise money."),
                     {{"Munich", v1::LOC}}));
}

// A place's name of several words before ", a company ..." is the
// company's.
TEST(Engine, APlacesNameOfSeveralWordsBeforeACompanyApposition) {
  EXPECT_TRUE(HasAll(NamesIn("He handed process data for DRAM chips to Xinhe Semiconductor, a company based in "
                             "Chengdu, prosecutors said."),
                     {{"Xinhe Semiconductor", v1::ORG}, {"Chengdu", v1::LOC}}));
}

// A body's generic noun alone is no name; a commission or a navy may be.
TEST(Engine, ABodysGenericNounAloneIsNoName) {
  const Named got = NamesIn(
      "Liberal Democrats won 12 seats in Kent. Council leader Roger Gough lost his seat. Federation president Talant "
      "Dzhumabekov said tickets sold out. The Cabinet approved the budget.");
  for (const auto& [text, type] : got) {
    EXPECT_NE(text, "Council");
    EXPECT_NE(text, "Federation");
    EXPECT_NE(text, "Cabinet");
  }
  EXPECT_TRUE(HasAll(got, {{"Roger Gough", v1::PERSON}}));
}

// A person's initial with its stop right before the person's span is the
// name's.
TEST(Engine, AnInitialBeforeAPersonIsTheNames) {
  EXPECT_TRUE(HasAll(NamesIn("Leader of the opposition N. Shankarappa said the government was taxing the poor."),
                     {{"N. Shankarappa", v1::PERSON}}));
}

// A hashtag that is a place of the knowledge base is the place, as a
// country's hashtag is; a hashtag of several words is none.
TEST(Engine, AHashtagThatIsAPlace) {
  const Named got = NamesIn("Roof leaking again and we're debating words. #Kigali #LossAndDamage #Zambia");
  EXPECT_TRUE(HasAll(got, {{"Kigali", v1::LOC}, {"Zambia", v1::LOC}}));
  for (const auto& [text, type] : got) EXPECT_EQ(text.find("Loss"), std::string::npos) << text;
}

// A name of unfamiliar words after a people's word or a country's
// possessive is a person's; a building's or a firm's stays what it was.
TEST(Engine, AnUnfamiliarNameAfterAPeoplesWordIsAPersons) {
  EXPECT_TRUE(HasAll(NamesIn("Gebremariam won, one second ahead of Eritrean Filmon Tesfalidet Berhe, in 2:02:52."),
                     {{"Filmon Tesfalidet Berhe", v1::PERSON}}));
  EXPECT_TRUE(HasAll(NamesIn("Tursunov finished ahead of India's Karthik Raghunathan in a field of nine."),
                     {{"Karthik Raghunathan", v1::PERSON}}));
  for (const auto& [text, type] :
       NamesIn("Police surrounded union leaders holed up in Seoul's Myongdong Cathedral. Coal exports from "
               "Mongolia's Tavan Tolgoi deposit rose."))
    EXPECT_NE(type, v1::PERSON) << text;
}

TEST(Engine, VietnameseNamesWithTheirTones) {
  EXPECT_TRUE(HasAll(NamesIn("The river rose two metres in one night, officials said on Monday. \"We had in one "
                             "night what used to fall in a month,\" said hydrologist Trần Văn Đức. \"The dykes "
                             "were designed for another climate.\""),
                     {{"Trần Văn Đức", v1::PERSON}}));
}

TEST(Engine, ALanguageSpokenIsNoPeople) {
  for (const auto& [text, type] :
       NamesIn("Qilin, a Russian-speaking gang, posted the files. The president, who speaks fluent Spanish, will "
               "visit the fair. A fluent Welsh speaker, he played for the club. She speaks perfect English."))
    EXPECT_NE(type, v1::NORP) << text;
  EXPECT_TRUE(HasAll(NamesIn("Russian officials met Spanish diplomats in Vienna on Monday."),
                     {{"Russian", v1::NORP}, {"Spanish", v1::NORP}}));
}

TEST(Engine, APortfolioBeforeItsMinistersNameIsNoName) {
  const auto names = NamesIn("Romanian Energy Minister Bogdan Ivan attended, and federal Labour Minister Patty "
                             "Hajdu spoke. The Labour Party won in Wales.");
  EXPECT_TRUE(HasAll(names, {{"Romanian", v1::NORP}, {"Bogdan Ivan", v1::PERSON}, {"Patty Hajdu", v1::PERSON},
                             {"Labour Party", v1::ORG}}));
  for (const auto& [text, type] : names) EXPECT_NE(text, "Romanian Energy");
  for (const auto& [text, type] : names) EXPECT_NE(text, "Labour");
}

TEST(Engine, AFirmsNameWithItsPossessiveAfterThe) {
  const auto names = NamesIn("Quotes in the Lloyd's market in London rose on Monday. The committee, which advises "
                             "Lloyd's underwriters, met. The Pope's visit and the Kremlin's reply followed.");
  EXPECT_TRUE(HasAll(names, {{"Lloyd's", v1::ORG}, {"Kremlin", v1::ORG}}));
  for (const auto& [text, type] : names) EXPECT_NE(text, "Lloyd") << text;
}

TEST(Engine, TheWordsBeforeAUniversityOfBeginItsName) {
  EXPECT_TRUE(HasAll(NamesIn("Experts from the Aristotle University of Thessaloniki and the Technical University of "
                             "Munich came. On Monday University of Leeds researchers agreed."),
                     {{"Aristotle University of Thessaloniki", v1::ORG},
                      {"Technical University of Munich", v1::ORG},
                      {"University of Leeds", v1::ORG}}));
}

TEST(Engine, ARoadsNumberWithALetter) {
  EXPECT_TRUE(HasAll(NamesIn("Traffic was diverted along National Route 1A and Highway 7 on Monday."),
                     {{"National Route 1A", v1::LOC}, {"Highway 7", v1::LOC}}));
}

TEST(Engine, AnAssociationOfPeopleOfAPlace) {
  EXPECT_TRUE(HasAll(NamesIn("Farmers rely on rail, according to the Grain Growers of Canada and the Chicken "
                             "Farmers of Canada. The Foreign Ministers of ASEAN met in Jakarta."),
                     {{"Grain Growers of Canada", v1::ORG}, {"Chicken Farmers of Canada", v1::ORG}}));
  for (const auto& [text, type] : NamesIn("The Foreign Ministers of Kenya and Uganda met in Kampala."))
    EXPECT_NE(type, v1::ORG) << text;
}

TEST(Engine, StreetsAndTemplesNamedFirstAndAGurusName) {
  EXPECT_TRUE(HasAll(NamesIn("Pilgrims visited Gurdwara Panja Sahib to honour Guru Nanak, and queues stretched "
                             "along Avenida Mariano Otero and Rua Serpa Pinto."),
                     {{"Gurdwara Panja Sahib", v1::LOC},
                      {"Nanak", v1::PERSON},
                      {"Avenida Mariano Otero", v1::LOC},
                      {"Rua Serpa Pinto", v1::LOC}}));
}

TEST(Engine, AWarNamedAfterItsSides) {
  EXPECT_TRUE(HasAll(NamesIn("The Irish fought on the Mexican side in the Mexican-American War, decades before "
                             "the Second Sino-Japanese War."),
                     {{"Mexican-American War", v1::EVENT}, {"Second Sino-Japanese War", v1::EVENT}}));
}

TEST(Engine, ACommitteesRemitAfterOn) {
  const auto names = NamesIn("The bicommunal Technical Committee on Cultural Heritage said it hoped to help. The "
                             "Election Commission on Friday barred the bloc.");
  EXPECT_TRUE(HasAll(names, {{"Technical Committee on Cultural Heritage", v1::ORG},
                             {"Election Commission", v1::ORG}}));
}

TEST(Engine, ACitysNameIsItsCouncil) {
  EXPECT_TRUE(HasAll(NamesIn("Results were posted by the City of Iqaluit, and a spokesperson for the City of Cape "
                             "Town's fire service said Mexico is the most dangerous country in the Western "
                             "Hemisphere."),
                     {{"City of Iqaluit", v1::ORG}, {"City of Cape Town", v1::ORG}, {"Western Hemisphere", v1::LOC}}));
}

TEST(Engine, AnEventsAcronymInAnotherLanguage) {
  EXPECT_TRUE(HasAll(NamesIn("The Guadalajara International Book Fair (FIL) opened on Saturday. FIL director "
                             "Marisol Schulz spoke."),
                     {{"Guadalajara International Book Fair", v1::EVENT}, {"FIL", v1::EVENT}}));
}

TEST(Engine, ARivalFirstInItsSentenceIsNoneOfTheName) {
  const auto names = NamesIn("The authority fined Trendyol on Monday. Rival Hepsiburada, controlled since 2024 by "
                             "Kazakhstan's Kaspi, welcomed the decision. Rival Western Mining Corp reports next week.");
  EXPECT_TRUE(HasAll(names, {{"Hepsiburada", v1::ORG}, {"Western Mining Corp", v1::ORG}}));
}

TEST(Engine, ATemplesWordBeforeItsPlace) {
  EXPECT_TRUE(HasAll(NamesIn("Pilgrims may visit Gurdwara Darbar Sahib Kartarpur without a visa."),
                     {{"Gurdwara Darbar Sahib Kartarpur", v1::LOC}}));
}

TEST(Engine, APlaceNamedAfterSomeoneInThePossessive) {
  EXPECT_TRUE(HasAll(NamesIn("About 900 residents of Sir Lowry's Pass village were evacuated. Trains from King's "
                             "Cross and St John's Wood were cancelled, and traffic on Regent's Park Road was slow."),
                     {{"Sir Lowry's Pass", v1::LOC},
                      {"King's Cross", v1::LOC},
                      {"St John's Wood", v1::LOC},
                      {"Regent's Park Road", v1::LOC}}));
  // A country's or a firm's possessive stays its own name.
  EXPECT_TRUE(HasAll(NamesIn("Britain's Lake District drew walkers, and Google's Mountain View campus grew."),
                     {{"Britain", v1::LOC}, {"Google", v1::ORG}}));
}

TEST(Engine, ResultNotesTitlesAbbreviatedAndEponymousDiseasesAreNoNames) {
  const auto names = NamesIn("Nashville Predators 2 Dallas Stars 1 (OT); Chicago Blackhawks 3 Utah 0. Coun. Hal "
                             "Stone, who voted against, said residents were angry. A treatment for Parkinson's "
                             "disease was approved, and Alzheimer's antibody therapy is next.");
  EXPECT_TRUE(HasAll(names, {{"Dallas Stars", v1::ORG}, {"Hal Stone", v1::PERSON}}));
  for (const auto& [text, type] : names) {
    EXPECT_NE(text, "OT");
    EXPECT_NE(text, "Coun");
    EXPECT_NE(text, "Parkinson");
    EXPECT_NE(text, "Alzheimer");
  }
}

TEST(Engine, AnAbbreviationsFullStopInsideAKnowledgeBaseName) {
  EXPECT_TRUE(HasAll(NamesIn("St. Louis is a city on the Mississippi."), {{"St. Louis", v1::LOC}}));
  EXPECT_TRUE(HasAll(NamesIn("Nashville Predators 2 Dallas Stars 1; St. Louis Blues 3 Chicago Blackhawks 0."),
                     {{"St. Louis Blues", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("Hepsiburada is controlled by Kazakhstan's Kaspi.kz, which welcomed the decision."),
                     {{"Kaspi.kz", v1::ORG}}));
  // A saint's place after a given name is the person's surname.
  EXPECT_TRUE(HasAll(NamesIn("\"It was loud tonight,\" said Canadiens coach Martin St. Louis on Saturday."),
                     {{"Martin St. Louis", v1::PERSON}}));
  // A sentence's full stop ends the name.
  for (const auto& [text, type] : NamesIn("He lives in St. Louis. Blues fans cheered on Sunday."))
    EXPECT_NE(text, "St. Louis. Blues") << text;
}

// A review's cases against the session's steps: what they must leave alone.
TEST(Engine, TheSessionsStepsLeaveTheirNearMissesAlone) {
  auto has = [](const Named& got, const std::string& text, v1::EntityType type) {
    return std::any_of(got.begin(), got.end(), [&](const auto& e) { return e.first == text && e.second == type; });
  };
  const Named a = NamesIn("Putin's Red Square parade was scaled back, and Keir Starmer's Downing Street office "
                          "declined to comment.");
  EXPECT_TRUE(has(a, "Red Square", v1::LOC));
  EXPECT_TRUE(has(a, "Downing Street", v1::LOC));
  const Named b = NamesIn("The Security Council on Gaza failed to agree. The Technical Committee on Cultural "
                          "Heritage met in Nicosia.");
  EXPECT_TRUE(has(b, "Gaza", v1::LOC));
  EXPECT_TRUE(has(b, "Technical Committee on Cultural Heritage", v1::ORG));
  EXPECT_TRUE(has(NamesIn("Bankers in the City of London fear new taxes."), "City of London", v1::LOC));
  for (const auto& [text, type] : NamesIn("Police said the Smith's house on Elm Street was broken into."))
    EXPECT_NE(type, v1::ORG) << text;
  EXPECT_TRUE(has(NamesIn("Calle Jarnkrok scored twice as Toronto beat Boston 4-2."), "Calle Jarnkrok", v1::PERSON));
  EXPECT_TRUE(has(NamesIn("Oil inventories at Cushing's storage hub fell for a third week."), "Cushing", v1::LOC) ||
              has(NamesIn("Oil inventories at Cushing's storage hub fell for a third week."), "Cushing", v1::ORG));
  EXPECT_TRUE(has(NamesIn("Floods hit HÀ NỘI on Thursday."), "HÀ NỘI", v1::LOC));
  EXPECT_TRUE(has(NamesIn("Prices rose after the Israel-Gaza War began."), "Israel-Gaza War", v1::EVENT));
  EXPECT_TRUE(has(NamesIn("The case is being investigated by the Garda. Officers arrested two men."), "Garda",
                  v1::ORG));
}

TEST(Engine, ACountrysNameAgainstAClubInAResultsRowIsAClub) {
  EXPECT_TRUE(HasAll(NamesIn("Results of French first division matches on Saturday:\nMonaco 2 Lens 0\nParis St "
                             "Germain 1 Nantes 1\n"),
                     {{"Monaco", v1::ORG}, {"Lens", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("Mexican league results at the weekend:\nAmerica 3 Atlante 1\nToluca 2 Leon 2\n"),
                     {{"America", v1::ORG}, {"Atlante", v1::ORG}}));
  // National sides stay their countries.
  EXPECT_TRUE(HasAll(NamesIn("World Cup qualifiers:\nBrazil 3 Russia 1\nIreland 2 Liechtenstein 0\n"),
                     {{"Brazil", v1::LOC}, {"Russia", v1::LOC}, {"Ireland", v1::LOC}, {"Liechtenstein", v1::LOC}}));
}

TEST(Engine, APlaceGluedToAParticipleOfWhere) {
  const auto names = NamesIn("Safaricom is 40% owned by Johannesburg-listed Vodacom Group. A Nairobi-bound flight, "
                             "a Hong Kong-based fund, a Samsung-owned plant and the Bursa Malaysia-listed developer.");
  EXPECT_TRUE(HasAll(names, {{"Johannesburg", v1::LOC}, {"Nairobi", v1::LOC}, {"Hong Kong", v1::LOC},
                             {"Samsung", v1::ORG}}));
  for (const auto& [text, type] : names) EXPECT_NE(text, "Malaysia") << "inside a longer name";
}

TEST(Engine, ABodysBranchInAPlace) {
  EXPECT_TRUE(HasAll(NamesIn("The board was hit in March 2024, as NHS Dumfries and Galloway was hit by the same gang."),
                     {{"NHS Dumfries and Galloway", v1::ORG}}));
}


TEST(Engine, APartysMemberNamedByThePlaceTheyStandFor) {
  EXPECT_TRUE(HasAll(NamesIn("Senator Ted Cruz, a Texas Republican, said so. Rep. Jim Jordan, an Ohio Republican, "
                             "objected. House Speaker Joanna McClinton, a Philadelphia Democrat, said the vote was "
                             "long overdue."),
                     {{"Texas", v1::LOC},
                      {"Ohio", v1::LOC},
                      {"Philadelphia", v1::LOC},
                      {"Republican", v1::NORP},
                      {"Democrat", v1::NORP}}));
  // Not "Democratic" alone: other countries' parties and institutions have
  // it too ("Germany's Social Democratic chancellor", "Democratic
  // institutions in Hungary").
  for (const auto& [text, type] : NamesIn("Democratic institutions in Hungary are under strain, and Germany's Social "
                                          "Democratic chancellor met Christian Democratic lawmakers."))
    EXPECT_FALSE(text == "Democratic" && type == v1::NORP) << text;
}

TEST(Engine, AListingsSuffixAfterANumberIsNoName) {
  for (const auto& [text, type] : NamesIn("Electric-vehicle maker BYD (1211.HK) slid, Xiaomi (1810.HK) lost 3.1% and "
                                          "Toyota (7203.T) rose."))
    EXPECT_TRUE(text != "HK" && text != "T") << text;
}

TEST(Engine, AKoreanGivenNameBeforeTheSurname) {
  EXPECT_TRUE(HasAll(NamesIn("The physics prize is shared by Hyun-woo Bae of Seoul National University and Ingrid "
                             "Larsen, and the chemistry prize by So-young Lee."),
                     {{"Hyun-woo Bae", v1::PERSON}, {"So-young Lee", v1::PERSON}}));
  // An English prefix's hyphen is no given name ("Co-op", "Pre-war").
  for (const auto& [text, type] : NamesIn("He met them at the Co-op Lee branch."))
    EXPECT_NE(text, "Co-op Lee") << "a prefix";
}

TEST(Engine, APeoplesWordBeforePeopleAndADivisionsSeat) {
  EXPECT_TRUE(HasAll(NamesIn("The award honoured ordinary Sudanese people doing extraordinary things."),
                     {{"Sudanese", v1::NORP}}));
  EXPECT_TRUE(HasAll(NamesIn("So Harrisburg finds $1.75 billion for SEPTA and the roads."),
                     {{"Harrisburg", v1::LOC}}));
  EXPECT_TRUE(HasAll(NamesIn("Bodø/Glimt won the Eliteserien title; Malmö lead the Allsvenskan."),
                     {{"Eliteserien", v1::ORG}, {"Allsvenskan", v1::ORG}}));
}

TEST(Engine, TitlesAloneBeforeAPersonAndRolesOfCricket) {
  const auto names = NamesIn("The airline is central to Crown Prince Mohammed bin Salman's plan. Crown Princess "
                             "Victoria attended, and Senate President Pro Tempore Kim Ward voted against. Seamer "
                             "Asitha Fernando took seven wickets.");
  EXPECT_TRUE(HasAll(names, {{"Mohammed bin Salman", v1::PERSON},
                             {"Victoria", v1::PERSON},
                             {"Kim Ward", v1::PERSON},
                             {"Asitha Fernando", v1::PERSON}}));
  for (const auto& [text, type] : names) EXPECT_NE(text, "Crown Prince") << "a title alone";
  // The words stay in the names they begin.
  EXPECT_TRUE(HasAll(NamesIn("The Pro Kabaddi League opened in Prince Edward Island."),
                     {{"Pro Kabaddi League", v1::ORG}, {"Prince Edward Island", v1::LOC}}));
}

TEST(Engine, AFirmsNumberACreditsPeopleAndAPrizesEponym) {
  EXPECT_TRUE(HasAll(NamesIn("The listing of its North American unit, 7-Eleven Inc, in New York."),
                     {{"7-Eleven Inc", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("Cocoa prices fell.\n\n(Reporting by Kojo Mensah-Bonsu and Ama Owusu-Ansah in Accra; "
                             "Editing by Jane Merriman)"),
                     {{"Kojo Mensah-Bonsu", v1::PERSON}, {"Ama Owusu-Ansah", v1::PERSON}, {"Accra", v1::LOC}}));
  const auto names = NamesIn("The 2026 Nobel laureates arrived on the anniversary of Alfred Nobel's death. He will "
                             "give his Nobel lecture on Monday.");
  EXPECT_TRUE(HasAll(names, {{"Alfred Nobel", v1::PERSON}}));
  size_t nobel = 0;
  for (const auto& [text, type] : names) nobel += text == "Nobel";
  EXPECT_EQ(nobel, 0u) << "the prize's word";
}

TEST(Engine, AClubNamedByItsNamesFirstWordOnASportsPage) {
  const auto names = NamesIn("Scottish Championship results on Saturday:\nDunfermline Athletic 3 Raith Rovers 1\n\n"
                             "Dunfermline moved top with a 3-1 win. Young players shone, and substitute Jan-Willem "
                             "Athletic scored late.");
  size_t alone = 0;
  for (const auto& [text, type] : names) {
    alone += text == "Dunfermline" && type == v1::ORG;
    EXPECT_TRUE(text != "Young" && text != "Willem") << text;
  }
  EXPECT_EQ(alone, 1u);
}

TEST(Engine, ABodyTheModelLeftOutGoesOnThroughOf) {
  EXPECT_TRUE(HasAll(NamesIn("The Heritage Trust of Nova Scotia delivered a petition. The Statistical Centre of Iran put "
                             "inflation at 48%. The union, part of the Confederation of Trade Unions of the Slovak "
                             "Republic, said it would strike."),
                     {{"Heritage Trust of Nova Scotia", v1::ORG},
                      {"Statistical Centre of Iran", v1::ORG},
                      {"Confederation of Trade Unions of the Slovak Republic", v1::ORG}}));
  // Not a head alone opening a sentence, nor a body of another body.
  EXPECT_TRUE(NamesIn("Trust of the people is low.").empty());
  for (const auto& [text, type] :
       NamesIn("The Enterprise Chamber of the Amsterdam Court of Appeal later suspended the board."))
    EXPECT_NE(text, "Enterprise Chamber of the Amsterdam Court of Appeal");
}

TEST(Engine, ANameOfTheBaseRunTogetherInAHashtag) {
  EXPECT_TRUE(HasAll(NamesIn("This country no dey carry last. #RiversState cc @officialABAT #HillaryClinton #CharlieHebdo"),
                     {{"RiversState", v1::LOC}, {"HillaryClinton", v1::PERSON}, {"CharlieHebdo", v1::ORG}}));
  // Not words that make no name of the base.
  for (const auto& [text, type] : NamesIn("so proud of the team #WeGoAgain #NeverGiveUp"))
    EXPECT_TRUE(text != "WeGoAgain" && text != "NeverGiveUp") << text;
}

TEST(Engine, ATitlesWordThatBeginsAPersonsNameInTheBase) {
  EXPECT_TRUE(HasAll(NamesIn("Sultan Al Jaber, the head of ADNOC, met Sheikh Hasina, and Sheikh Tamim bin Hamad Al "
                             "Thani met President Putin."),
                     {{"Sultan Al Jaber", v1::PERSON},
                      {"Sheikh Hasina", v1::PERSON},
                      {"Tamim bin Hamad Al Thani", v1::PERSON},
                      {"Putin", v1::PERSON}}));
}

TEST(Engine, TheReviewsNearMissesOfTheThirtyNinthSession) {
  // A verb after a person is no prize's word; a desk or a place in a credit
  // is no person; a title's word before a firm; an English compound before
  // a Korean surname; an ordinary word on a sports page.
  const auto names = NamesIn("Obama lectures Republicans on decency, and Trump lectures reporters almost daily. "
                             "Princess Cruises said bookings were up. Long-run Kim supporters gathered.");
  EXPECT_TRUE(HasAll(names, {{"Obama", v1::PERSON}, {"Trump", v1::PERSON}}));
  for (const auto& [text, type] : names) EXPECT_TRUE(text != "Cruises" && text != "Long-run Kim") << text;
  EXPECT_TRUE(HasAll(NamesIn("Prices fell.\n\n(Reporting by Ana Lopez, Buenos Aires; Editing by Jane Merriman)"),
                     {{"Ana Lopez", v1::PERSON}, {"Buenos Aires", v1::LOC}}));
  for (const auto& [text, type] : NamesIn("Heart of Midlothian won 2-1. Heart surgeons at the hospital said the unit "
                                          "was full."))
    EXPECT_FALSE(text == "Heart" && type == v1::ORG) << text;
}

TEST(Engine, ACountrysNameAloneIsAPlaceWhateverItStandsFor) {
  // Its national side, its market in a table, its initials; not another
  // thing that bears one of its other names.
  const auto names = NamesIn("Zambia lost 2-1 to Algeria in a friendly in Lusaka on Tuesday. Mining rules in the DRC "
                             "changed.\n\nREGIONAL MARKETS\nQATAR            up 0.4% to 10,512 points\n"
                             "KUWAIT           down 0.2% to 8,120 points\n");
  EXPECT_TRUE(HasAll(names, {{"Zambia", v1::LOC}, {"Algeria", v1::LOC}, {"DRC", v1::LOC}, {"QATAR", v1::LOC},
                             {"KUWAIT", v1::LOC}}));
  for (const auto& [text, type] : NamesIn("Rivals Emirates, Qatar Airways and Etihad Airways added routes."))
    EXPECT_FALSE(text == "Emirates" && type == v1::LOC) << text;
}

TEST(Engine, CemeteriesArenasHallsAndATheatreSomethingIsIn) {
  EXPECT_TRUE(HasAll(NamesIn("She was buried in the Recoleta Cemetery on Friday. The band played the Ergo Arena and "
                             "the Ulster Hall, and Jerry Hall watched. The choir sang at the Teatro Baralt."),
                     {{"Recoleta Cemetery", v1::LOC},
                      {"Ergo Arena", v1::LOC},
                      {"Ulster Hall", v1::LOC},
                      {"Jerry Hall", v1::PERSON},
                      {"Teatro Baralt", v1::LOC}}));
  // A theatre that does something is its company.
  for (const auto& [text, type] : NamesIn("The Teatro Baralt announced its new season on Monday."))
    EXPECT_FALSE(text == "Teatro Baralt" && type == v1::LOC) << text;
}

TEST(Engine, AFixtureListsSidesOnAPageOfTeams) {
  const auto names = NamesIn("Bodø/Glimt beat Molde 3-1 on Sunday.\n\nNext round, Saturday: Kristiansund v "
                             "Sarpsborg, Haugesund v Tromsø, Odd v Lillestrøm. Sarpsborg are fourth.");
  size_t sarpsborg = 0;
  for (const auto& [text, type] : names) sarpsborg += text == "Sarpsborg" && type == v1::ORG;
  EXPECT_EQ(sarpsborg, 2u);
  EXPECT_TRUE(HasAll(names, {{"Kristiansund", v1::ORG}, {"Haugesund", v1::ORG}, {"Tromsø", v1::ORG},
                             {"Odd", v1::ORG}, {"Lillestrøm", v1::ORG}}));
  // Persons' fixtures stay persons'; countries' sides stay countries.
  for (const auto& [text, type] : NamesIn("Semi-finals on Friday: Sinner v Zverev, Alcaraz v Fritz. Sinner won 6-3 "
                                          "6-4 on Thursday."))
    EXPECT_NE(type, v1::ORG) << text;
  EXPECT_TRUE(HasAll(NamesIn("Pool B, Saturday: Japan v Fiji, Brumbies v Chiefs. Japan won 30-12 last time."),
                     {{"Japan", v1::LOC}, {"Fiji", v1::LOC}}));
}

TEST(Engine, AnAcronymWithAFigureAndTwoPersonsSpansOneSpaceApart) {
  const auto names = NamesIn("The Indian Cyber Crime Coordination Centre (I4C) has flagged the district. I4C said more "
                             "alerts would follow. GCC Secretary-General Jasem Mohamed Albudaiwi said talks would go on.");
  size_t i4c = 0;
  for (const auto& [text, type] : names) i4c += text == "I4C" && type == v1::ORG;
  EXPECT_EQ(i4c, 2u);
  EXPECT_TRUE(HasAll(names, {{"Jasem Mohamed Albudaiwi", v1::PERSON}}));
  // Not two persons across a comma or a line.
  const auto two = NamesIn("Present were Angela Merkel, Olaf Scholz and Emmanuel Macron.");
  EXPECT_TRUE(HasAll(two, {{"Angela Merkel", v1::PERSON}, {"Olaf Scholz", v1::PERSON}}));
}

TEST(Engine, TheReviewsNearMissesOfTheFortiethSession) {
  // A document that opens with a venue's head word alone; surnames that are
  // venues' words.
  EXPECT_TRUE(HasAll(NamesIn("Hall said the vote was fair."), {{"Hall", v1::PERSON}}));
  EXPECT_TRUE(HasAll(NamesIn("Peter Hall said the budget was fair. Bruce Arena said the team had improved."),
                     {{"Peter Hall", v1::PERSON}, {"Bruce Arena", v1::PERSON}}));
  // A line of persons' fixtures on a page of clubs; a case at law.
  for (const auto& [text, type] :
       NamesIn("Arsenal beat Chelsea 2-1 on Saturday.\n\nTennis, semi-finals on Friday: Sinner v Zverev, Alcaraz v "
               "Fritz.\n\nFootball, Sunday: Liverpool v Everton, Leeds v Burnley."))
    EXPECT_TRUE(type != v1::ORG || (text != "Zverev" && text != "Alcaraz" && text != "Fritz")) << text;
  for (const auto& [text, type] :
       NamesIn("The Patriots beat the Jets 24-17 on Sunday. The lawsuit, Brady v NFL, was settled in 2011."))
    EXPECT_FALSE(text == "Brady" && type == v1::ORG) << text;
  // Another place's name is its team's too.
  for (const auto& [text, type] : NamesIn("Georgia beat Alabama 27-24 in Athens on Saturday as the Bulldogs clinched "
                                          "the SEC East."))
    EXPECT_FALSE(text == "Georgia" && type == v1::LOC) << text;
  // Two people the knowledge base knows each stay two.
  EXPECT_TRUE(HasAll(NamesIn("Clinton told Obama Trump would never win the nomination."),
                     {{"Obama", v1::PERSON}, {"Trump", v1::PERSON}}));
}

TEST(Engine, APlacesSpanEndingInATradeOrTheTreasury) {
  EXPECT_TRUE(HasAll(NamesIn("\"Rates will fall,\" said Lena Ortiz, head of research at Harwick Capital. Sanctions "
                             "are set by the U.S. Treasury."),
                     {{"Harwick Capital", v1::ORG}, {"U.S. Treasury", v1::ORG}}));
  // A railway's line stays a place.
  for (const auto& [text, type] : NamesIn("The consortium that runs the Benguela Railway said freight rose."))
    EXPECT_FALSE(text == "Benguela Railway" && type == v1::ORG) << text;
  // A library's service; a utility named by its place and its trade.
  EXPECT_TRUE(HasAll(NamesIn("A pilot program will keep Chicago Public Library branches open. The utility will sell "
                             "400 megawatts to Kenya Power. The company was folded into Manitoba Hydro."),
                     {{"Chicago Public Library", v1::ORG}, {"Kenya Power", v1::ORG}, {"Manitoba Hydro", v1::ORG}}));
  // A goaltender's title is no part of the name.
  EXPECT_TRUE(HasAll(NamesIn("Goaltender Joel Lassinantti made 31 saves for the home side."),
                     {{"Joel Lassinantti", v1::PERSON}}));
}

TEST(Engine, AOneWordPersonAfterInIsAPlace) {
  EXPECT_TRUE(HasAll(NamesIn("He taught at a comprehensive school in Llanelli for three decades. In Buka, the regional "
                             "capital, crowds gathered."),
                     {{"Llanelli", v1::LOC}, {"Buka", v1::LOC}}));
  // And the word alone elsewhere in the document.
  size_t buka = 0;
  for (const auto& [text, type] : NamesIn("In Buka, the regional capital, crowds gathered. Diplomats have visited Buka "
                                          "twice this year."))
    buka += text == "Buka" && type == v1::LOC;
  EXPECT_EQ(buka, 2u);
  // Not a person the document names in full, nor before a possessive.
  const auto names = NamesIn("Voters trust Jacinda Halvorsen. Polls show faith in Halvorsen is high, and in Halvorsen's "
                             "view the vote was fair.");
  for (const auto& [text, type] : names) EXPECT_FALSE(text == "Halvorsen" && type == v1::LOC) << text;
}
}  // namespace tidings::enrich

namespace tidings::enrich {
TEST(Engine, AWiresTickerACashtagAndAVentureBoard) {
  EXPECT_TRUE(HasAll(NamesIn("Bank Central Asia (BBCA.JK) gained 3.1% and Bank Rakyat Indonesia (BBRI.JK) added 2.6%. "
                             "Minera Cuchumatanes is a unit of Sierra Madre Metals (TSX-V: SMM)."),
                     {{"BBCA.JK", v1::ORG}, {"BBRI.JK", v1::ORG}, {"TSX-V", v1::ORG}, {"SMM", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("held $GRM since the aug lows at $1.40, told everyone. $NST next?"),
                     {{"GRM", v1::ORG}, {"NST", v1::ORG}}));
  // Not a ticker of figures, nor a currency's sign after a country's code.
  for (const auto& [text, type] : NamesIn("Toyota Motor (7203.T) fell while gold traded near US$4,100."))
    EXPECT_TRUE(text != "7203.T" && text != "$4,100") << text;
}

TEST(Engine, ACompanyOwnedByAnotherWhateverItsNameSoundsLike) {
  size_t keliber = 0;
  for (const auto& [text, type] : NamesIn("Keliber, 80%-owned by Johannesburg-listed Sibanye-Stillwater, shipped its "
                                          "first cargo. Keliber said costs were on track."))
    keliber += text == "Keliber" && type == v1::ORG;
  EXPECT_EQ(keliber, 2u);
  EXPECT_TRUE(HasAll(NamesIn("Two magistrates dissented. Minera Cuchumatanes, a subsidiary of Sierra Madre Metals, "
                             "obtained its licence in 2001."),
                     {{"Minera Cuchumatanes", v1::ORG}}));
}

TEST(Engine, APlacesSaintAlsoAbbreviated) {
  EXPECT_TRUE(HasAll(NamesIn("In Basseterre, St Kitts and Nevis Prime Minister Terrance Drew spoke. Grenada, St. Lucia "
                             "and Dominica agreed."),
                     {{"St Kitts and Nevis", v1::LOC}, {"St. Lucia", v1::LOC}}));
}

TEST(Engine, UnknownsListedWithAPlaceAndHallsOfShows) {
  EXPECT_TRUE(HasAll(NamesIn("The rooms are in Svolvaer, Kabelvag and Henningsvaer. He spent two months training in "
                             "Wellington and Taupo this year."),
                     {{"Kabelvag", v1::LOC}, {"Henningsvaer", v1::LOC}, {"Taupo", v1::LOC}}));
  // No list after a sentence's opening phrase; no run before a figure, a
  // glued hyphen or its own place.
  for (const auto& [text, type] : NamesIn("In North Macedonia, Alkaloid rose 1.1%. The Estlink 2 cable between Estonia "
                                          "and Finland tripped. Bowmans in South Africa and Wintertons in Harare acted."))
    EXPECT_FALSE(type == v1::LOC && (text == "Alkaloid" || text == "Estlink" || text == "Wintertons")) << text;
  EXPECT_TRUE(HasAll(NamesIn("Australia lost 58-56 at the National Indoor Sports Centre on Monday. Home games move from "
                             "the Edward Seaga Sports Complex to Stadium East."),
                     {{"National Indoor Sports Centre", v1::LOC}, {"Edward Seaga Sports Complex", v1::LOC}}));
}

TEST(Engine, ABodyNamedWithItsPlace) {
  EXPECT_TRUE(HasAll(NamesIn("Ian Pryce, a bond strategist at Nikko Europe in London, said so. Microsoft India said it "
                             "would hire 500 engineers."),
                     {{"Nikko Europe", v1::ORG}, {"Microsoft India", v1::ORG}}));
  // Not a line in capitals.
  for (const auto& [text, type] : NamesIn("UN SAHARA TALKS STALL\n\nThe talks stalled on Monday."))
    EXPECT_NE(text, "UN SAHARA") << text;
}

TEST(Engine, AMinistersPortfolioIsNoNameButItsHolderIs) {
  const auto names = NamesIn("Acting Minister for Lands and Natural Resources Sione Tupou told a meeting. Minister of "
                             "Economic Affairs Kung Ming-hsin told the Legislative Yuan. The First Minister of Wales, Eluned "
                             "Morgan, spoke.");
  for (const auto& [text, type] : names) EXPECT_NE(text, "Lands and Natural Resources") << text;
  EXPECT_TRUE(HasAll(names, {{"Sione Tupou", v1::PERSON}, {"Kung Ming-hsin", v1::PERSON}, {"Wales", v1::LOC}}));
}

TEST(Engine, TheReviewsNearMissesOfTheFortyFirstSession) {
  // A place, a painting's subject or a horse owned by someone stays what it is.
  for (const auto& [text, type] : NamesIn("The farm near Nakuru, owned by the former president, was invaded. A portrait "
                                          "of Frida Kahlo, owned by the Museum of Modern Art, was lent."))
    EXPECT_FALSE(type == v1::ORG && (text == "Nakuru" || text == "Frida Kahlo")) << text;
  // A word that modifies the noun after it is no place of the list.
  for (const auto& [text, type] : NamesIn("Coverage in Tokyo and Shinkansen delays were reported. Fans in Glasgow and "
                                          "Celtic supporters celebrated. Prices in Nairobi and Mpesa fees rose."))
    EXPECT_FALSE(type == v1::LOC && (text == "Shinkansen" || text == "Celtic" || text == "Mpesa")) << text;
  // A currency's code after "$" is no cashtag; a saint of one word no town.
  for (const auto& [text, type] : NamesIn("They paid $CAD 25 million for the site. Prices in $AUD terms fell. St Paul "
                                          "wrote to the Corinthians about love."))
    EXPECT_FALSE((type == v1::ORG && (text == "CAD" || text == "AUD")) || (type == v1::LOC && text == "St Paul"))
        << text;
  // A centre that speaks is the body.
  for (const auto& [text, type] : NamesIn("The Commonwealth Sports Centre said in a statement that it would close."))
    EXPECT_FALSE(type == v1::LOC && text == "Commonwealth Sports Centre") << text;
}

TEST(Engine, APeopleBeforeItsMembers) {
  EXPECT_TRUE(HasAll(NamesIn("The court ordered the ministry to consult Q'anjob'al and Chuj communities in "
                             "Huehuetenango. Earlier, Ao, Chakhesang, Konyak and Sumi dancers opened the programme. "
                             "Many of the island's Wallisian and Futunan voters switched sides."),
                     {{"Chuj", v1::NORP}, {"Chakhesang", v1::NORP}, {"Konyak", v1::NORP}, {"Sumi", v1::NORP},
                      {"Wallisian", v1::NORP}, {"Futunan", v1::NORP}}));
  // Not an ordinary word, an acronym, a sentence's first word or a name of the base.
  for (const auto& [text, type] : NamesIn("Regional leaders met. PiS voters stayed home. The women marched. Paris "
                                          "families left."))
    EXPECT_NE(type, v1::NORP) << text;
}

TEST(Engine, APersonsWordListedWithPlacesAfterAPlacesPreposition) {
  size_t places = 0;
  for (const auto& [text, type] : NamesIn("Every summer Henningsvaer goes from 500 people to 5,000. The campsites are "
                                          "in Svolvaer, Kabelvag and Henningsvaer."))
    places += text == "Henningsvaer" && type == v1::LOC;
  EXPECT_EQ(places, 2u);
  // Not a clause's subject after the list, nor after a venue.
  for (const auto& [text, type] : NamesIn("She studied in Vienna and Tomasz joined her later. He coached in Doha and "
                                          "Salah joined his club. Rain fell in Accra, and Kofi stayed home. Day 2 at "
                                          "Perth Stadium and Starc has 7 wickets."))
    EXPECT_FALSE(type == v1::LOC && (text == "Tomasz" || text == "Salah" || text == "Kofi" || text == "Starc"))
        << text;
}

TEST(Engine, ADiseasesAbbreviationIsNoName) {
  for (const auto& [text, type] : NamesIn("In the 1950s hundreds of Inuit with TB were taken south. An injection of the "
                                          "HIV drug lenacapavir is given every six months."))
    EXPECT_TRUE(text != "TB" && text != "HIV") << text;
}

TEST(Engine, AnAcronymOfABodyTheDocumentNames) {
  size_t bi = 0;
  for (const auto& [text, type] : NamesIn("Stocks rose before the Bank Indonesia meeting. BI Governor Perry Warjiyo "
                                          "told parliament rates would hold. \"If the Fed moves again, BI has cover.\""))
    bi += text == "BI" && type == v1::ORG;
  EXPECT_EQ(bi, 2u);
}
TEST(Engine, AWiresTickerAfterAnyCompanysWords) {
  // The words before a wire's ticker are the company, whatever the model
  // made of them; a share class's letter in lower case, a long symbol.
  EXPECT_TRUE(HasAll(NamesIn("Habib Bank (HBL.KA) gained 3.4% and Lucky Cement (LUCK.KA) added 2.9%. Swedish group "
                             "Skogvik (SKOGb.ST) agreed to buy Finnish pulp maker Kuusamo Pulp (KUUPULP.HE)."),
                     {{"Lucky Cement", v1::ORG},
                      {"LUCK.KA", v1::ORG},
                      {"SKOGb.ST", v1::ORG},
                      {"Kuusamo Pulp", v1::ORG},
                      {"KUUPULP.HE", v1::ORG}}));
}

TEST(Engine, AnAgencysDatelineInTitleCase) {
  const Named got = NamesIn("Riyadh (AFP) - The 2027 Dakar Rally will cover 8,000 km. A rest day in Riyadh on Jan. 9, "
                            "the organisers said.");
  size_t riyadh = 0;
  for (const auto& [text, type] : got) riyadh += text == "Riyadh" && type == v1::LOC;
  EXPECT_EQ(riyadh, 2u);
  EXPECT_TRUE(HasAll(got, {{"AFP", v1::ORG}}));
}

TEST(Engine, RolesRoyalsAndHyphenatedSurnamesAroundNames) {
  // A player's position before the name; a royal's title in a facility's.
  EXPECT_TRUE(HasAll(NamesIn("Opener Nayeem Sarkar struck an unbeaten 131. Hooker Levan Chikhladze scored twice. Many "
                             "cruise passengers arrive at Prince George Wharf."),
                     {{"Nayeem Sarkar", v1::PERSON}, {"Levan Chikhladze", v1::PERSON}, {"Prince George Wharf", v1::LOC}}));
  // A hyphenated surname the document named in full, alone again.
  const Named got = NamesIn("Culture minister Keturah Rolle-Ferguson opened the parade. Funding will rise by a third, "
                            "Rolle-Ferguson told a news conference.");
  EXPECT_TRUE(HasAll(got, {{"Keturah Rolle-Ferguson", v1::PERSON}, {"Rolle-Ferguson", v1::PERSON}}));
  for (const auto& [text, type] : got) EXPECT_TRUE(text != "Rolle" && text != "Ferguson") << text;
}

TEST(Engine, APlaceOfAnOfficeAndBodiesByTheirKindOrTrade) {
  size_t ancash = 0;
  for (const auto& [text, type] : NamesIn("A court sentenced a former regional governor of Áncash to 14 years. "
                                          "Áncash, home to a copper mine, was the scene of protests."))
    ancash += text == "Áncash" && type == v1::LOC;
  EXPECT_EQ(ancash, 2u);
  EXPECT_TRUE(HasAll(NamesIn("The paper workers' union Paperiliitto said it would fight. They lost to South Korea's "
                             "Hanul Gaming 3-2."),
                     {{"Paperiliitto", v1::ORG}, {"Hanul Gaming", v1::ORG}}));
  // A union's word capitalised begins a name.
  EXPECT_TRUE(HasAll(NamesIn("Union Saint-Gilloise 1 Genk 1"), {{"Union Saint-Gilloise", v1::ORG}}));
}

TEST(Engine, AWriterInLowerCaseNamesCountriesCompaniesAndNoFunctionWords) {
  EXPECT_TRUE(HasAll(NamesIn("georgia deserve a spot more than italy tbh. my instagram is full of it and binance froze "
                             "my account"),
                     {{"italy", v1::LOC}, {"instagram", v1::ORG}, {"binance", v1::ORG}}));
  // Not a given name, nor a thing named after a country; nor E.On in "A&E on".
  for (const auto& [text, type] : NamesIn("georgia and i bought bermuda shorts. my mum waited 9 hrs at the A&E on "
                                          "monday"))
    EXPECT_TRUE(text != "georgia" && text != "bermuda" && text != "E on") << text;
}
TEST(Engine, AgenciesCurrenciesAndLeaguesTiers) {
  // An unknown agency in a dateline's brackets; a currency's abbreviation
  // before its amount is none; a league's tier.
  const Named got = NamesIn("RIGA (NBW) — Latvia will not finish its section before 2032. Profit dropped to KSh 412 "
                            "million. Daejeon were promoted from K League 2 in 2022. They won 2-1.");
  EXPECT_TRUE(HasAll(got, {{"NBW", v1::ORG}, {"K League 2", v1::ORG}}));
  for (const auto& [text, type] : got) EXPECT_NE(text, "KSh") << text;
}

TEST(Engine, FortsLochsForestsAndPlacesAfterNearOrIn) {
  EXPECT_TRUE(HasAll(NamesIn("The ferry links Ardgour with Fort William and the mainland. The long road round Loch "
                             "Eil is slow. New clearings appeared inside the Jamanxim National Forest. About 28,000 "
                             "households in Kushiro and Akkeshi are without power. Clearing near Itaituba grew. "
                             "Poland beat Croatia in Katowice."),
                     {{"Fort William", v1::LOC},
                      {"Loch Eil", v1::LOC},
                      {"Jamanxim National Forest", v1::LOC},
                      {"Akkeshi", v1::LOC},
                      {"Itaituba", v1::LOC},
                      {"Katowice", v1::LOC}}));
}

TEST(Engine, APeoplesEnsemblesArchivesAndChampionships) {
  EXPECT_TRUE(HasAll(NamesIn("He joined the Iraqi Maqam Ensemble in 1971. Donations go to the Irish Traditional "
                             "Music Archive. Poland won at the European Women's Handball Championship."),
                     {{"Iraqi Maqam Ensemble", v1::ORG},
                      {"Irish Traditional Music Archive", v1::ORG},
                      {"European Women's Handball Championship", v1::EVENT}}));
  // Languages listed before their surtitles; "western" of a lake zone.
  for (const auto& [text, type] : NamesIn("Performed in Arabic with French and English surtitles, it runs for two "
                                          "hours. Rain is forecast for the western lake zone."))
    EXPECT_TRUE(text != "French" && text != "English" && text != "western") << text;
}
// A thread keeps up to 40 of its names: a comment names in lower case one
// the article named late ("whitcomb" after twenty other names).
TEST(Engine, ACommentNamesInLowerCaseALateNameOfItsArticle) {
  std::string article;
  for (const char* n : {"Amelia Hartwell", "Boris Castellan", "Corinne Vaszary", "Dmitri Okonkwo", "Elspeth Marrow",
                        "Farid Quenneville", "Greta Solberg", "Hamish Tavernier", "Ines Valcourt", "Jurgen Abernathy",
                        "Kwame Lindqvist", "Lucia Brennagh", "Mateo Sorensky", "Nadia Ferreirinha", "Oskar Delacroix",
                        "Priya Vandermeer", "Quentin Ashdale", "Rosalind Ekwueme", "Sven Hollingworth",
                        "Tamsin Okafor-Reid"})
    article += std::string(n) + " spoke at the hearing on Monday. ";
  article += "Republican state Sen. Dale Whitcomb of Casa Grande called the plan a federal decision.";
  bool found = false;
  for (const auto& [text, type, name] : CommentsNames(article, "whitcomb talks big but his bill wont dig a well"))
    found = found || (text == "whitcomb" && type == v1::PERSON);
  EXPECT_TRUE(found);
}
// The review's cases: what the session's steps must leave alone.
TEST(Engine, TheReviewsCasesOfTheFortySecondSession) {
  EXPECT_TRUE(HasAll(NamesIn("In the season opener Daejeon Eagles beat the champions."), {{"Daejeon Eagles", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("The host told NPR 10 years ago that profit rose."), {{"NPR", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("The coalition Sharif formed in 2024 is fragile."), {{"Sharif", v1::PERSON}}));
  for (const auto& [text, type] : NamesIn("top of the Premier League 2 months after their slump. The Premier League 3 "
                                          "December fixtures were moved. The Chinese Video Games market grew."))
    EXPECT_TRUE(text != "Premier League 2" && text != "Premier League 3" && type != v1::EVENT) << text;
  size_t western = 0;
  for (const auto& [text, type] : NamesIn("When western sanctions end, western aid reaches the front."))
    western += text == "western" && type == v1::NORP;
  EXPECT_EQ(western, 2u);
  // A comment written with capitals names no company or country by a
  // surname in lower case.
  v1::Document c;
  c.set_id("c1");
  c.set_kind("comment");
  c.set_text("Nobody cares what ferguson thinks, and pearson books are dull. Tom holland was great.");
  auto out = TheEngine().Enrich(c);
  ASSERT_TRUE(out.ok());
  for (const auto& e : out->entities())
    EXPECT_TRUE(e.text() != "ferguson" && e.text() != "pearson" && e.text() != "holland") << e.text();
}
TEST(Engine, APlacesLegislatureAndCommitteeAndATownOf) {
  EXPECT_TRUE(HasAll(NamesIn("The Michigan Legislature must still sign off on a small part of the plan. Nguyen, deputy "
                             "chairwoman of the Da Nang People's Committee, said power was cut. The firm was founded "
                             "in 1921 in the town of Kuusamo in Finland."),
                     {{"Michigan Legislature", v1::ORG}, {"Da Nang People's Committee", v1::ORG}, {"Kuusamo", v1::LOC}}));
}
TEST(Engine, ANamesAppositionCallsItAPlace) {
  size_t cave = 0;
  for (const auto& [text, type] : NamesIn("The bones were excavated in 2019 at Tam Pà Ling, a limestone cave in "
                                          "Houaphanh province. Digging at Tam Pà Ling started later."))
    cave += text == "Tam Pà Ling" && type == v1::LOC;
  EXPECT_EQ(cave, 2u);
  // Not a person's role nor a company's kind.
  EXPECT_TRUE(HasAll(NamesIn("Smith, a town councillor, spoke. Acme, a company in Leeds, grew."),
                     {{"Smith", v1::PERSON}, {"Acme", v1::ORG}}));
}
TEST(Engine, AWiresDatedAgencyListingsAndCurrencies) {
  EXPECT_TRUE(HasAll(NamesIn("DAKAR, Nov 25 (WAN) - Senegal has suspended the licences."),
                     {{"DAKAR", v1::LOC}, {"WAN", v1::ORG}, {"Senegal", v1::LOC}}));
  // An agency in title case before a spaced dash.
  EXPECT_TRUE(HasAll(NamesIn("JAKARTA, Dec 3 (Antara) - A sixteen-year-old swimmer won the national title on Wednesday, "
                             "officials said."),
                     {{"JAKARTA", v1::LOC}, {"Antara", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("ABIDJAN - Sogecao Ivoire SA (BRVM: SGCI), the largest listed cocoa processor, said."),
                     {{"BRVM", v1::ORG}, {"SGCI", v1::ORG}}));
  // A currency's code before its plural is no body; "US dollars" keep the place.
  const auto money = NamesIn("Net profit rose 38% to 21.4 billion CFA francs. It cost 5 billion US dollars.");
  for (const auto& [text, type] : money) EXPECT_NE(text, "CFA");
  EXPECT_TRUE(HasAll(money, {{"US", v1::LOC}}));
}

TEST(Engine, PeoplesBeforeOfficesBodiesByRemitAndNamesJoinedByADash) {
  EXPECT_TRUE(HasAll(NamesIn("Djiboutian Infrastructure Minister Hassan Omar Ali said. Chadian troops and Ecuadorian "
                             "police met."),
                     {{"Djiboutian", v1::NORP}, {"Chadian", v1::NORP}, {"Ecuadorian", v1::NORP}}));
  EXPECT_TRUE(HasAll(NamesIn("Power is split with the Tripoli-based Government of National Unity. She taught at the "
                             "Faculty of Architecture in Zagreb. They asked the Northern Territory Government."),
                     {{"Government of National Unity", v1::ORG},
                      {"Faculty of Architecture", v1::ORG},
                      {"Northern Territory Government", v1::ORG}}));
  EXPECT_TRUE(HasAll(NamesIn("The Addis Ababa\u2013Djibouti Railway will run two trains. People cross the "
                             "Johor\u2013Singapore Causeway. He fought in the Iran\u2013Iraq War."),
                     {{"Addis Ababa\u2013Djibouti Railway", v1::LOC},
                      {"Johor\u2013Singapore Causeway", v1::LOC},
                      {"Iran\u2013Iraq War", v1::EVENT}}));
  // Before a head in lower case, two places.
  EXPECT_TRUE(HasAll(NamesIn("The Porto\u2013Vigo high-speed line opened."), {{"Vigo", v1::LOC}}));
  // "Public Safety" of a minister's title is no body.
  for (const auto& [text, type] : NamesIn("On Tuesday, Public Safety Minister Darren Hallworth announced it."))
    EXPECT_NE(text, "Public Safety");
}

TEST(Engine, SpeakersPlacesByTheirHeadsAndPersonsByTheirNouns) {
  EXPECT_TRUE(HasAll(NamesIn("Prosecutors said the gang bribed dockworkers. \"They threatened them when they wanted "
                             "out,\" said Jan-Willem Goossens, head of the drugs unit. \"It took a year,\" said "
                             "lead author Ayu Lestari Wulandari of BRIN."),
                     {{"Jan-Willem Goossens", v1::PERSON}, {"Ayu Lestari Wulandari", v1::PERSON}}));
  EXPECT_TRUE(HasAll(NamesIn("Kerala has recorded outbreaks in 2018. The road leads to the Galafi border crossing. "
                             "The port lies on the Wouri estuary. Farmers around Mokomo Beach replant."),
                     {{"Kerala", v1::LOC}, {"Galafi", v1::LOC}, {"Wouri", v1::LOC}, {"Mokomo Beach", v1::LOC}}));
  EXPECT_TRUE(HasAll(NamesIn("It recalled the discovery of Tutankhamun's tomb by Howard Carter. The tomb belonged to "
                             "a man named Amenemopet."),
                     {{"Tutankhamun", v1::PERSON}, {"Amenemopet", v1::PERSON}}));
}
TEST(Engine, APeoplesWordBeforeAnotherAfterAndIsNoLanguage) {
  // "in Yugoslav and later Croatian design": the word after "and" leads
  // another people's, not a clause; "in Persian and dedicated" stays a tongue's.
  EXPECT_TRUE(HasAll(NamesIn("She was one of the most admired figures in Yugoslav and later Croatian design."),
                     {{"Yugoslav", v1::NORP}, {"Croatian", v1::NORP}}));
  for (const auto& [text, type] : NamesIn("He wrote the poem in Persian and dedicated it to her."))
    EXPECT_NE(text, "Persian");
}
TEST(Engine, ABenchmarksSentenceFirstWordAndACitysCouncillors) {
  const auto got = NamesIn("Benchmark Brent crude was trading at $71.20. City of Darwin councillors have voted to keep "
                           "the market open. Brent Smith said so.");
  for (const auto& [text, type] : got) EXPECT_NE(text, "Benchmark Brent");
  EXPECT_TRUE(HasAll(got, {{"City of Darwin", v1::ORG}, {"Brent Smith", v1::PERSON}}));
}
TEST(Engine, ABodysNameGoesOnThroughAHyphen) {
  EXPECT_TRUE(HasAll(NamesIn("He studied painting at the École des Beaux-Arts. The cocoa regulator, the Conseil du "
                             "Café-Cacao, kept the price. Rain fell, according to the National Center for "
                             "Hydro-Meteorological Forecasting."),
                     {{"École des Beaux-Arts", v1::ORG},
                      {"Conseil du Café-Cacao", v1::ORG},
                      {"National Center for Hydro-Meteorological Forecasting", v1::ORG}}));
  // Not into a place of the base.
  const auto war = NamesIn("The Israel-Gaza war went on.");
  EXPECT_TRUE(HasAll(war, {{"Israel", v1::LOC}}));
  for (const auto& [text, type] : war) EXPECT_EQ(text.find("Israel-"), std::string::npos) << text;
}
TEST(Engine, TheReviewsCasesOfTheFortyThirdSession) {
  // Persons whose surname is a place's head stay persons; a market's "in"
  // keeps a company; a field or a mine is as often a company's.
  const auto people = NamesIn("Actor Adam Beach will star. Director Robert Falls staged the play. She married Jack "
                              "Valley in 2010. Shares in Marula Bay rose. Workers at the Zijin mine went on strike.");
  EXPECT_TRUE(HasAll(people, {{"Adam Beach", v1::PERSON}, {"Robert Falls", v1::PERSON}, {"Jack Valley", v1::PERSON}}));
  for (const auto& [text, type] : people) EXPECT_FALSE(type == v1::LOC && (text == "Marula Bay" || text == "Zijin"));
  // An organisation after "said" stays one; unknown capitalised words alone are no speaker.
  const auto said = NamesIn("\"Markets remain volatile,\" said Goldman Sachs Asset Management. \"Debt is bad,\" "
                            "said Jubilee Debt Campaign. \"Rent is high,\" said Rokeya Begum Shila, president of the "
                            "union.");
  EXPECT_TRUE(HasAll(said, {{"Goldman Sachs Asset Management", v1::ORG}, {"Rokeya Begum Shila", v1::PERSON}}));
  for (const auto& [text, type] : said) EXPECT_NE(text, "Jubilee Debt Campaign");
  // No head of a link ("Derby", "Border"); a club's reign is no person's.
  const auto joined = NamesIn("The Chelsea\u2013Arsenal Derby ended goalless. Fighting on the Lebanon\u2013Israel "
                              "Border intensified. Esperance's reign as champions is over.");
  EXPECT_TRUE(HasAll(joined, {{"Chelsea", v1::ORG}, {"Lebanon", v1::LOC}}));
  for (const auto& [text, type] : joined) EXPECT_FALSE(text == "Esperance" && type == v1::PERSON);
  // A body's head after a sentence's "The"; a time zone in a dateline's brackets is no agency.
  EXPECT_TRUE(HasAll(NamesIn("The Government of National Unity in Tripoli rejected the proposal."),
                     {{"Government of National Unity", v1::ORG}}));
  for (const auto& [text, type] : NamesIn("NEW YORK, Nov 25, 1000 (EST) - Markets opened lower on Wednesday."))
    EXPECT_NE(text, "EST");
  // Tongues are no peoples: listed with another, or spoken through an interpreter.
  for (const auto& [text, type] : NamesIn("The sign was written in Nepali and English. He answered questions in "
                                          "Bosnian through an interpreter. The court heard testimony in Serbian "
                                          "and some Croatian witnesses testified too."))
    EXPECT_TRUE(text != "Nepali" && text != "Bosnian" && text != "Serbian") << text;
}
TEST(Engine, FerriesAreATradeAndAPlaceTakesATradeAfterIt) {
  EXPECT_TRUE(HasAll(NamesIn("Passengers of Irish Ferries were stranded. The deal was led by Frisco Labs, a start-up."),
                     {{"Irish Ferries", v1::ORG}, {"Frisco Labs", v1::ORG}}));
}
TEST(Engine, AHandleWithAnUnderscoreIsItsPersonsWhole) {
  const v1::EnrichedDocument d = EnrichText(
      "@Mika_T same!! but ppl forget Morimoto built that. @Khalid_Dxb Beijing didn't fix anything. @Ren_92 told u.");
  Named got;
  for (const auto& e : d.entities()) got.emplace_back(e.text(), e.type());
  EXPECT_TRUE(HasAll(got, {{"Mika_T", v1::PERSON}, {"Khalid_Dxb", v1::PERSON}, {"Ren_92", v1::PERSON}}));
  for (const auto& [text, type] : got) EXPECT_TRUE(text != "Mika" && text != "Khalid" && text != "Dxb") << text;
}
}  // namespace tidings::enrich
