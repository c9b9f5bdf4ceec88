// Language identification (enrich/lang/lang.h) and what the engine does with
// it: the multilingual sample in tests/data/lang, short texts, the seed
// corpus, and text not in English getting exact knowledge-base names only.
#include "enrich/lang/lang.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "enrich/engine.h"
#include "enrich/text.h"
#include "proto/json_codec.h"

namespace tidings::enrich {
namespace {

namespace fs = std::filesystem;

std::vector<v1::Document> ReadDocuments(const fs::path& path) {
  std::vector<v1::Document> docs;
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto d = proto::ParseDocumentJson(line);
    EXPECT_TRUE(d.ok()) << path << ": " << d.status().ToString();
    if (d.ok()) docs.push_back(std::move(d).value());
  }
  return docs;
}

const fs::path kLangData = fs::path(TIDINGS_SOURCE_DIR) / "tests/data/lang";

// The acceptance figure: >= 95% of the sample (>= 10 languages, one-sentence
// and paragraph texts) labelled with its language. "und" counts as wrong.
TEST(Language, MultilingualSampleAtLeast95PercentRight) {
  const auto docs = ReadDocuments(kLangData / "sample.jsonl");
  std::map<std::string, std::pair<int, int>> by_size;  // size -> right, total
  std::set<std::string> languages;
  int right = 0;
  for (const auto& d : docs) {
    languages.insert(d.language());
    // Unknown fields are kept as JSON text: "\"short\"".
    std::string size = d.extra().at("size");
    size = size.substr(1, size.size() - 2);
    const LanguageGuess g = DetectLanguage(d.text());
    const bool ok = g.code == d.language();
    right += ok;
    by_size[size].first += ok;
    by_size[size].second += 1;
    if (!ok) std::printf("  miss: %s as %s: %s\n", d.language().c_str(), g.code.c_str(), d.text().c_str());
  }
  for (const auto& [size, rt] : by_size) {
    std::printf("  %s: %d/%d right\n", size.c_str(), rt.first, rt.second);
  }
  std::printf("  all: %d/%zu right (%.1f%%) over %zu languages\n", right, docs.size(),
              100.0 * right / static_cast<double>(docs.size()), languages.size());
  EXPECT_GE(languages.size(), 10u);
  EXPECT_GE(docs.size(), 100u);
  EXPECT_GE(right * 100, static_cast<int>(docs.size()) * 95);
  ASSERT_EQ(by_size.size(), 2u);
  EXPECT_GT(by_size["long"].second, 0);
  EXPECT_EQ(by_size["long"].first, by_size["long"].second) << "every paragraph-long text is named right";
}

TEST(Language, TooLittleTextIsUndetermined) {
  for (const char* t : {"", "+1", "👍👍", "2016-10-20", "https://example.org/x", "Spot on.", "lol",
                        "Hi Alexandra", "Andre Damon", "Danke schön", "Exactly this.", "\x01\x02"}) {
    const LanguageGuess g = DetectLanguage(t);
    EXPECT_EQ(g.code, "und") << t;
    EXPECT_FALSE(g.reliable) << t;
  }
}

// English fragments of the seed corpus (all English) are English or
// undetermined, never another language: the threshold's job.
TEST(Language, SeedCorpusWindowsAreNotAnotherLanguage) {
  int windows = 0, wrong = 0, english = 0;
  for (const auto& f : fs::directory_iterator(fs::path(TIDINGS_SOURCE_DIR) / "tests/data/seeds")) {
    if (f.path().extension() != ".txt") continue;
    std::ifstream in(f.path());
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    // Windows of 3 to 9 words at every 5th word.
    for (size_t k = 3; k <= 9; ++k) {
      for (size_t i = 0; i + k <= words.size(); i += 5) {
        std::string text;
        for (size_t j = i; j < i + k; ++j) text += (j > i ? " " : "") + words[j];
        const LanguageGuess g = DetectLanguage(text);
        ++windows;
        english += g.code == "en";
        if (g.code != "en" && g.code != "und") {
          ++wrong;
          EXPECT_LT(g.text_bytes, kConfidentTextBytes) << text << " as " << g.code;
        }
      }
    }
  }
  std::printf("  %d windows: %d en, %d another language\n", windows, english, wrong);
  ASSERT_GT(windows, 1000);
  EXPECT_LE(wrong * 1000, windows) << "at most 0.1% of English fragments misnamed";
}

TEST(Language, WholeSeedDocumentsAreEnglish) {
  for (const auto& f : fs::directory_iterator(fs::path(TIDINGS_SOURCE_DIR) / "tests/data/seeds")) {
    if (f.path().extension() != ".txt") continue;
    std::ifstream in(f.path());
    std::stringstream ss;
    ss << in.rdbuf();
    const LanguageGuess g = DetectLanguage(ss.str());
    EXPECT_EQ(g.code, "en") << f.path();
    EXPECT_FALSE(ConfidentlyDiffers(g, "en")) << f.path();
  }
}

// The function-word path (EnglishByFunctionWords) answers for CLD2 only
// where CLD2 gives the same answer, or where CLD2 is wrong: every text of
// the test corpora it passes, and 300-byte windows every 97 bytes through
// the seed articles (the path reads their first 256), are English to CLD2
// with the same decisions (ConfidentlyDiffers) for any given language, but
// for a few English documents whose lead of names CLD2 takes for another
// language (their 512 bytes' function words decide: "Horta double settles
// Minho derby as Braga see off Vitória", Portuguese to CLD2), each written
// in English by its "language" field; no text of the multilingual sample in
// another language passes.
TEST(Language, FunctionWordsSayEnglishOnlyWhereCld2Does) {
  std::vector<std::tuple<std::string, std::string, std::string>> texts;  // (where, text, its language or "")
  for (const auto& f : fs::recursive_directory_iterator(fs::path(TIDINGS_SOURCE_DIR) / "tests/data")) {
    if (f.path().extension() == ".jsonl") {
      for (const auto& d : ReadDocuments(f.path()))
        texts.emplace_back(f.path().filename().string(), d.text(), d.language());
    } else if (f.path().extension() == ".txt") {
      std::ifstream in(f.path());
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string all = ss.str();
      for (size_t i = 0; i + 64 < all.size(); i += 97) {
        size_t b = i;
        while (b < all.size() && (static_cast<unsigned char>(all[b]) & 0xC0) == 0x80) ++b;
        texts.emplace_back(f.path().filename().string(), all.substr(b, 300), "en");
      }
    }
  }
  int passed = 0, english_to_cld2 = 0, cld2_wrong = 0;
  for (const auto& [where, text, language] : texts) {
    const auto fast = EnglishByFunctionWords(text);
    const LanguageGuess cld2 = DetectLanguageWithCld2(text);
    english_to_cld2 += cld2.code == "en";
    if (!fast) continue;
    ++passed;
    if (cld2.code != "en") {
      ++cld2_wrong;
      EXPECT_EQ(language, "en") << where << ": " << text;
      EXPECT_GT(text.size(), kLanguageQuickPrefixBytes) << where << ": read past its first 256 bytes";
      continue;
    }
    for (const char* given : {"en", "de", "fr", "nl", "es"}) {
      EXPECT_EQ(ConfidentlyDiffers(*fast, given), ConfidentlyDiffers(cld2, given)) << where << ": " << given;
    }
  }
  std::printf("  %zu texts, %d English to CLD2, %d told by their function words (%d where CLD2 named another)\n",
              texts.size(), english_to_cld2, passed, cld2_wrong);
  EXPECT_GT(passed * 2, english_to_cld2) << "most English texts take the short path";
  EXPECT_LE(cld2_wrong * 100, passed) << "CLD2 is overruled rarely";
  for (const auto& d : ReadDocuments(kLangData / "sample.jsonl")) {
    if (d.language() == "en") continue;
    EXPECT_FALSE(EnglishByFunctionWords(d.text())) << d.language() << ": " << d.text();
  }
}

// What the list leaves out on purpose: the shared words of Dutch, German
// and the Scandinavian languages do not make their text English.
TEST(Language, FunctionWordsOfOtherLanguagesDoNotCount) {
  EXPECT_FALSE(EnglishByFunctionWords(
      "Het is niet de eerste keer dat de regering over de begroting was gevallen, en of het kabinet dit jaar "
      "nog zal overleven is de vraag die iedereen in Den Haag bezighoudt. Het was een lange nacht voor de "
      "ministers en het is nog niet voorbij."));
  EXPECT_FALSE(EnglishByFunctionWords(
      "Was die Regierung will, ist nicht klar: der Kanzler sagte am Montag in Berlin, dass er den Plan für "
      "die Reform der Rente noch einmal prüfen will, bevor das Kabinett darüber entscheidet und was die "
      "Koalition dazu sagt."));
  EXPECT_FALSE(EnglishByFunctionWords(
      "Det er ikke første gang, at regeringen har problemer med finansloven, og det er ikke sikkert, at den "
      "overlever året. Statsministeren sagde i går i byen, at der er brug for en aftale for at undgå valg "
      "til efteråret."));
  // Two "the" and shared words enough ("of", "is", "was", "in" as Dutch
  // has them: 17 of 54 words), but few words only English has (2).
  EXPECT_FALSE(EnglishByFunctionWords(
      "In de krant van The Guardian is het stuk over the Netherlands in de zomer was als een bom gevallen: "
      "of het kabinet in maart was gevallen of in mei, is voor de kiezers in het land om het even, en "
      "over de kosten is in de Kamer was in mei nog niet gesproken."));
  EXPECT_TRUE(EnglishByFunctionWords(
      "The government said on Monday that it would not change the plan, and the opposition, which has been "
      "calling for a vote for weeks, said that this was a mistake that the country would pay for after the "
      "election."));
}

// A control character or an invalid byte, where CLD2 stops reading, leaves
// the answer to CLD2: the same as before the short path.
TEST(Language, ControlCharactersLeaveTheAnswerToCld2) {
  const std::string english =
      "The government said on Monday that it would not change the plan, and the opposition, which has been "
      "calling for a vote for weeks, said that this was a mistake that the country would pay for after the "
      "election.";
  ASSERT_TRUE(EnglishByFunctionWords(english));
  for (const std::string& text : {"\x01" + english, english.substr(0, 40) + "\x7f" + english.substr(40),
                                  english.substr(0, 40) + "\xc2\x85" + english.substr(40)}) {
    EXPECT_FALSE(EnglishByFunctionWords(text));
    const LanguageGuess a = DetectLanguage(text), b = DetectLanguageWithCld2(text);
    EXPECT_EQ(a.code, b.code);
    EXPECT_EQ(a.reliable, b.reliable);
  }
  // Curly apostrophes and dashes are not letters: the words before them count.
  std::string curly = english;
  for (size_t p = 0; (p = curly.find(" that ", p)) != std::string::npos; p += 8) curly.replace(p, 6, "’ that—");
  EXPECT_TRUE(EnglishByFunctionWords(curly));
}

TEST(Language, OnlyThePrefixIsExamined) {
  std::string text;
  while (text.size() < kLanguagePrefixBytes + 100) {
    text += "Die Waffenruhe hielt kaum eine Woche, und niemand wollte sagen, wer sie gebrochen hatte. ";
  }
  // Many times more English after the prefix does not change the answer.
  for (int i = 0; i < 400; ++i) text += "The ceasefire lasted barely a week and nobody would say who broke it. ";
  EXPECT_EQ(DetectLanguage(text).code, "de");
  // A cut inside a multi-byte character is backed off, not fed to CLD2.
  std::string cyr;
  while (cyr.size() < kLanguagePrefixBytes + 10) cyr += "Перемирие продержалось едва ли неделю. ";
  EXPECT_EQ(DetectLanguage(std::string(" ") + cyr).code, "ru");
}

TEST(Language, ASparseBeginningIsReadToTheWholePrefix) {
  // The first kLanguageQuickPrefixBytes are mostly figures: too few letters
  // to decide, so the reading goes on to kLanguagePrefixBytes.
  std::string text;
  while (text.size() < kLanguageQuickPrefixBytes - 20) text += "12:00 | 3.400 | 2016-10-20 | 17 % | ";
  const size_t figures = text.size();
  while (text.size() < kLanguagePrefixBytes + 50) {
    text += "Die Waffenruhe hielt kaum eine Woche, und niemand wollte sagen, wer sie gebrochen hatte. ";
  }
  const LanguageGuess g = DetectLanguage(text);
  EXPECT_EQ(g.code, "de");
  EXPECT_GT(g.text_bytes, kQuickTextBytes);
  // The same German text alone is decided from its beginning.
  EXPECT_EQ(DetectLanguage(text.substr(figures)).code, "de");
}

TEST(Language, ControlCharactersDoNotHideTheLanguage) {
  const std::string text =
      "Die Waffenruhe hielt kaum eine Woche. Schon am Sonntagmorgen wurden die östlichen Viertel "
      "wieder beschossen.\x01 Danach nichts.";
  EXPECT_EQ(DetectLanguage(text).code, "de");
}

TEST(Language, CodesAndLabels) {
  EXPECT_EQ(PrimaryLanguage("en-GB"), "en");
  EXPECT_EQ(PrimaryLanguage("EN"), "en");
  EXPECT_EQ(PrimaryLanguage("pt_BR"), "pt");
  EXPECT_EQ(PrimaryLanguage(""), "");
  EXPECT_TRUE(EnglishRulesApply(""));
  EXPECT_TRUE(EnglishRulesApply("und"));
  EXPECT_TRUE(EnglishRulesApply("en-US"));
  EXPECT_FALSE(EnglishRulesApply("de"));
  EXPECT_EQ(LanguageMetricLabel("de"), "de");
  EXPECT_EQ(LanguageMetricLabel("EN-gb"), "en");
  EXPECT_EQ(LanguageMetricLabel(""), "und");
  EXPECT_EQ(LanguageMetricLabel("und"), "und");
  EXPECT_EQ(LanguageMetricLabel("haw"), "other");
  EXPECT_EQ(LanguageMetricLabel("<script>"), "other");
  // Hebrew and Javanese under their ISO codes, not CLD2's legacy ones.
  EXPECT_EQ(DetectLanguage("הממשלה הודיעה ביום שלישי על סיוע חדש לתושבי סוריה, ושר החוץ אמר כי המצב במחנות "
                           "בצפון המדינה נותר קשה מאוד.")
                .code,
            "he");
}

TEST(Language, ConfidentlyDiffers) {
  LanguageGuess g;
  g.code = "de";
  g.reliable = true;
  g.percent = 99;
  g.text_bytes = 400;
  EXPECT_TRUE(ConfidentlyDiffers(g, "en"));
  EXPECT_FALSE(ConfidentlyDiffers(g, "de-AT"));
  EXPECT_FALSE(ConfidentlyDiffers(g, ""));
  g.text_bytes = kConfidentTextBytes - 1;
  EXPECT_FALSE(ConfidentlyDiffers(g, "en")) << "too short to overrule the producer";
  g.text_bytes = 400;
  g.percent = kConfidentPercent - 1;
  EXPECT_FALSE(ConfidentlyDiffers(g, "en")) << "mixed text";
}

// Wire copy that is mostly a table of names: the clubs' names are no
// evidence of the language the results are reported in (CLD2 alone called
// these Dutch and German).
const std::string kDutchResults =
    "SOCCER - DUTCH FIRST DIVISION RESULTS.\n"
    "AMSTERDAM 1996-08-24\n"
    "Results of Dutch first division soccer matches on Saturday:\n"
    "PSV Eindhoven 3 Vitesse Arnhem 1\n"
    "Feyenoord 2 NAC Breda 0\n"
    "Ajax Amsterdam 1 Twente Enschede 1\n"
    "Standings: PSV 6 points, Feyenoord 4.";
const std::string kGermanResults =
    "SOCCER - GERMAN FIRST DIVISION RESULTS.\n"
    "BONN 1996-08-24\n"
    "Results of German first division soccer matches on Saturday:\n"
    "Bayern Munich 2 Hamburg 1\n"
    "Borussia Dortmund 3 Werder Bremen 0\n"
    "Schalke 0 Karlsruhe 0\n"
    "VfB Stuttgart 4 Freiburg 1";

TEST(Language, NameLinesOfAResultsTableDoNotNameTheLanguage) {
  EXPECT_EQ(DetectLanguage(kDutchResults).code, "en");
  EXPECT_EQ(DetectLanguage(kGermanResults).code, "en");
  EXPECT_EQ(DetectLanguageWithCld2(kGermanResults).code, "en");
  // The same table reported in German is German.
  const std::string german =
      "FUSSBALL - ERGEBNISSE DER BUNDESLIGA.\n"
      "Die Ergebnisse der Spiele vom Samstag, die wegen des Regens erst am Abend angepfiffen wurden, und der "
      "Stand nach dem zweiten Spieltag:\n"
      "Bayern Munich 2 Hamburg 1\n"
      "Borussia Dortmund 3 Werder Bremen 0\n"
      "Schalke 0 Karlsruhe 0";
  EXPECT_EQ(DetectLanguage(german).code, "de");
}

TEST(Language, WhichLinesAreNamesAndWhichAreKept) {
  std::string scratch;
  // No line of names: the text itself, not a copy.
  const std::string prose = "The talks resumed in Geneva on Monday.\nNobody expected much of them.";
  EXPECT_EQ(WithoutNameLines(prose, &scratch).data(), prose.data());
  const std::string text =
      "SOCCER - RESULTS OF THE DAY\n"                               // a headline in capitals: kept
      "Standings:\n"                                                // one word, no figure: a heading, kept
      "Barcelona 2 1 1 0 4 2 4\n"                                   // one word and figures: dropped
      "Real Madrid 2 Atletico Madrid 1\n"                           // names: dropped
      "By Maria Gonzalez\n"                                         // a by-line: dropped
      "Матч перенесли на воскресенье\n"                             // capital, then lower case: kept
      "Results of the Spanish first division matches played on Sunday evening.\n";
  EXPECT_EQ(WithoutNameLines(text, &scratch),
            "SOCCER - RESULTS OF THE DAY\nStandings:\nМатч перенесли на воскресенье\n"
            "Results of the Spanish first division matches played on Sunday evening.\n");
  // One line of names and too few letters left: the text as it is (a
  // one-line comment in Title Case).
  const std::string one = "Real Madrid 2 Atletico Madrid 1\nPlayed on Sunday.";
  EXPECT_EQ(WithoutNameLines(one, &scratch).data(), one.data());
  // A table of names: the prose alone, however short, so that a results
  // table is no evidence of the clubs' language.
  const std::string names = "Real Madrid 2 Atletico Madrid 1\nBarcelona 3 Valencia 0\nPlayed on Sunday.";
  EXPECT_EQ(WithoutNameLines(names, &scratch), "Played on Sunday.");
  const std::string italian_table =
      "SOCCER - ITALIAN SERIE A RESULTS.\nROME 1996-12-01\nBologna 1 Inter 1\nJuventus 2 Lazio 0\n"
      "Napoli 0 Parma 0\nRoma 3 Piacenza 1\nSampdoria 2 Udinese 2\n";
  EXPECT_FALSE(ConfidentlyDiffers(DetectLanguage(italian_table), "en")) << DetectLanguage(italian_table).code;
  // A megabyte-long line after a line of names: only what detection reads is copied.
  std::string long_line = "Real Madrid 2 Atletico Madrid 1\n";
  while (long_line.size() < (1u << 20)) long_line += "the talks resumed in Geneva and nobody expected much of them ";
  EXPECT_LE(WithoutNameLines(long_line, &scratch).size(), kLanguagePrefixBytes);
  EXPECT_EQ(DetectLanguage(long_line).code, "en");
  // A script without case is prose.
  EXPECT_EQ(WithoutNameLines("北京 上海\n" + prose, &scratch).size(), std::string("北京 上海\n").size() + prose.size());
}

// ---- through the engine ----------------------------------------------------

const Engine& DebugEngine() {
  static const std::unique_ptr<Engine> e = [] {
    EngineOptions o;
    o.debug = true;
    auto r = Engine::Create(o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }();
  return *e;
}

v1::EnrichedDocument EnrichAs(const std::string& text, const std::string& language = "",
                         const std::string& kind = "article") {
  v1::Document d;
  d.set_id("t");
  d.set_kind(kind);
  d.set_published_at("2023-10-04T00:00:00Z");
  d.set_language(language);
  d.set_text(text);
  auto r = DebugEngine().Enrich(d);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : v1::EnrichedDocument();
}

// The example and its French and Spanish counterparts: the language
// is filled in, and the only tags are knowledge-base names as written.
TEST(LanguageEngine, NotEnglishGetsExactKnowledgeBaseNamesOnly) {
  struct Case {
    std::string language, text;
    std::set<std::string> entities;
  };
  const std::vector<Case> cases = {
      {"de",
       "Am 3. Oktober feiert Deutschland den Tag der Deutschen Einheit. Bundeskanzler Olaf Scholz sagte "
       "am Dienstag in Berlin, die Regierung werde die Hilfe für Syrien und die Ukraine in den nächsten "
       "zwei Jahren erhöhen. Baschar al-Assad und Wladimir Putin kritisierte er scharf.",
       {"Berlin", "al-Assad"}},
      {"fr",
       "Le 3 octobre, le président Emmanuel Macron a reçu à Paris le Premier ministre libanais. Ils ont "
       "parlé pendant deux heures de la situation à Alep et de l'aide humanitaire pour la Syrie, a déclaré "
       "lundi le ministère des Affaires étrangères.",
       {"Paris", "Alep"}},
      {"es",
       "El pasado martes, el presidente del Gobierno Pedro Sánchez viajó a Damascus para reunirse con "
       "representantes de la ONU. Según fuentes diplomáticas, la visita duró tres días y terminó con un "
       "acuerdo sobre ayuda humanitaria para Alepo.",
       {"Damascus", "ONU"}},
  };
  for (const Case& c : cases) {
    const auto out = EnrichAs(c.text);
    EXPECT_EQ(out.document().language(), c.language) << c.text;
    EXPECT_TRUE(out.language_detected().empty());
    EXPECT_EQ(out.dates_size(), 0) << c.language << ": " << out.dates(0).text();
    EXPECT_EQ(out.stances_size(), 0) << c.language;
    EXPECT_FALSE(out.has_reply_stance());
    std::set<std::string> got;
    for (const auto& m : out.entities()) {
      got.insert(m.text());
      EXPECT_TRUE(m.rule().starts_with("kb:") && m.rule().ends_with("+exact"))
          << c.language << ": " << m.text() << " by " << m.rule();
    }
    for (const auto& want : c.entities) {
      // Only names the knowledge base holds in that spelling are expected.
      if (want == "Alep" || want == "ONU") continue;
      EXPECT_TRUE(got.count(want)) << c.language << ": " << want << " missing";
    }
  }
  const auto de = EnrichAs(cases[0].text);
  for (const auto& m : de.entities()) {
    EXPECT_NE(m.text(), "Deutschland den Tag der Deutschen Einheit");
    EXPECT_NE(m.text(), "Bundeskanzler Olaf Scholz");
  }
}

// French and Italian glue an elided article to the name after it: the name
// is matched on its own, at its own offsets ("l'Ukraine" -> "Ukraine").
TEST(LanguageEngine, ANameAfterAnElidedArticleIsFound) {
  const auto fr = EnrichAs("Le gouvernement a promis une aide de deux milliards pour l'Ukraine, selon le "
                           "ministre des Affaires étrangères, qui a rencontré à l’est du pays des élus locaux.");
  const auto it = EnrichAs("Il ministro degli Esteri ha parlato a lungo dell'Iran e della situazione nella regione, "
                           "secondo fonti vicine al governo.");
  for (const auto* out : {&fr, &it}) {
    EXPECT_NE(out->document().language(), "en");
    ASSERT_EQ(out->entities_size(), 1) << out->ShortDebugString();
    const auto& m = out->entities(0);
    const std::u32string text = [&] {
      std::u32string u;
      const std::string& t = out->document().text();
      for (size_t p = 0; p < t.size();) u.push_back(DecodeUtf8(t, &p));
      return u;
    }();
    EXPECT_EQ(m.text(), out == &fr ? "Ukraine" : "Iran");
    const std::u32string at = text.substr(m.begin(), m.end() - m.begin());
    EXPECT_EQ(std::string(at.begin(), at.end()), m.text());  // ASCII names: the code points are the bytes
    EXPECT_EQ(m.type(), v1::LOC);
  }
}

// The acceptance's second half over the whole sample: no tag from the
// English rules on text not in English, whether its language is given or
// left to detection. A text detected as "und" gets the English rules; the
// one such text in the sample ("Bütün bunların kanıtı nerede?") yields none.
TEST(LanguageEngine, SampleNotInEnglishGetsNoEnglishRuleTags) {
  int documents = 0;
  for (const auto& d : ReadDocuments(kLangData / "sample.jsonl")) {
    if (d.language() == "en") continue;
    for (const std::string& given : {d.language(), std::string()}) {
      const auto out = EnrichAs(d.text(), given);
      ++documents;
      for (const auto& m : out.entities()) {
        EXPECT_TRUE(m.rule().ends_with("+exact")) << d.language() << ": " << m.text() << " by " << m.rule();
      }
      EXPECT_EQ(out.dates_size(), 0) << d.text();
      EXPECT_EQ(out.stances_size(), 0) << d.text();
    }
  }
  EXPECT_GT(documents, 150);
}

TEST(LanguageEngine, ExactCaseOnly) {
  const auto out = EnrichAs(
      "In berlin und in BERLIN, sagte der Sprecher, habe die Regierung die Lage in Syrien erörtert. "
      "Der western Ansatz sei gescheitert, die Gespräche in Berlin würden fortgesetzt.");
  ASSERT_EQ(out.document().language(), "de");
  ASSERT_EQ(out.entities_size(), 1);
  EXPECT_EQ(out.entities(0).text(), "Berlin");
  EXPECT_EQ(out.entities(0).type(), v1::LOC);
}

TEST(LanguageEngine, GivenLanguageStaysAndConfidentDisagreementIsRecorded) {
  const std::string german =
      "Die Waffenruhe hielt kaum eine Woche. Schon am Sonntagmorgen wurden die östlichen Viertel wieder "
      "beschossen, und die wenigen Ärzte, die noch in der Stadt arbeiten, berichteten, dass ihnen alles "
      "ausgehe. Bundeskanzler Olaf Scholz schwieg am Montag.";
  auto out = EnrichAs(german, "en");
  EXPECT_EQ(out.document().language(), "en");
  EXPECT_EQ(out.language_detected(), "de");
  // The taggers go by the detection: no English heuristics, dates or stance.
  for (const auto& m : out.entities()) EXPECT_TRUE(m.rule().ends_with("+exact")) << m.text();
  EXPECT_EQ(out.dates_size(), 0);
  EXPECT_EQ(out.stances_size(), 0);

  const std::string english =
      "The ceasefire lasted barely a week. By Sunday morning the shelling of the eastern districts of "
      "Aleppo had resumed, and the few doctors still working in the city said they were running out of "
      "everything.";
  out = EnrichAs(english, "en");
  EXPECT_EQ(out.document().language(), "en");
  EXPECT_TRUE(out.language_detected().empty());
  EXPECT_GT(out.dates_size(), 0);  // "Sunday morning": the English rules ran
  out = EnrichAs(english, "en-GB");
  EXPECT_TRUE(out.language_detected().empty());
  out = EnrichAs(english);
  EXPECT_EQ(out.document().language(), "en");

  // Too short to overrule the producer.
  out = EnrichAs("Danke, sehr gut geschrieben.", "en", "comment");
  EXPECT_EQ(out.document().language(), "en");
  EXPECT_TRUE(out.language_detected().empty());
}

TEST(LanguageEngine, EnglishResultsTableGetsTheEnglishRules) {
  const auto out = EnrichAs(kDutchResults);
  EXPECT_EQ(out.document().language(), "en");
  EXPECT_GT(out.dates_size(), 0);  // date rules run only on English
  std::set<std::string> orgs;
  for (const auto& e : out.entities())
    if (e.type() == v1::ORG) orgs.insert(e.text());
  EXPECT_TRUE(orgs.count("Feyenoord")) << out.ShortDebugString();
}

TEST(LanguageEngine, UndeterminedShortTextGetsTheEnglishRules) {
  const auto out = EnrichAs("Well said, Dave.", "", "comment");
  EXPECT_EQ(out.document().language(), "und");
  EXPECT_TRUE(out.language_detected().empty());
}

}  // namespace
// A report whose lead is names (a headline of clubs and a results line, a
// stadium's name; a wire headline in capitals and a dateline) is English by
// the function words of all that CLD2 reads, where CLD2 named the names'
// language.
TEST(Language, AnEnglishReportWithALeadOfNamesIsEnglish) {
  const std::string text =
      "Horta double settles Minho derby as Braga see off Vit\u00f3ria\n\nBraga 3 Vit\u00f3ria de "
      "Guimar\u00e3es 1\n\nRicardo Horta scored twice in the second half as Braga came from behind to beat their "
      "neighbours from Guimar\u00e3es at the Est\u00e1dio Municipal de Braga on Sunday night and move within four "
      "points of the top of the Primeira Liga.\n\nThe visitors had led at the break through a looping header from "
      "Samu Abreu, who rose above Braga goalkeeper Rui Fonseca to meet a corner in the 38th minute.";
  const LanguageGuess g = DetectLanguage(text);
  EXPECT_EQ(g.code, "en");
  EXPECT_FALSE(ConfidentlyDiffers(g, "en"));
}

}  // namespace tidings::enrich
