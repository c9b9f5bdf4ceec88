// The name tagger's rules for the tables of a sports page: standings,
// ranked results with teams, cricket scorecards. The model reads a table
// row as a sentence and has little to go on ("Groningen 5 1 1 3 3 9 4",
// "A. Stewart b Waqar Younis 44"); a row's shape says what its names are.
// They run after Viterbi, like the other post-rules (tagger.cc), and do not
// change what the model is trained on. Their spans stand over a knowledge-
// base match fixed before Viterbi (Span::retyped: "BALTIMORE" the team, not
// the city).
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "enrich/names/features.h"
#include "enrich/text.h"

namespace tidings::enrich::names {

// Labels the table rules write, and whether tokens [first, end) are a
// country of the knowledge base (a country's team is a LOC: "Netherlands
// 5 3 1 1 9 4 10").
struct TableLabels {
  int person, org, loc;
  float margin;  // the spans' margin (the model's typical one)
  std::function<bool(uint32_t first, uint32_t end)> is_country;
  // A place of the knowledge base, any (a digest's heading "SIBERIA").
  std::function<bool(uint32_t first, uint32_t end)> is_place;
};

// The lines that may be a table's rows, as [first, end) token ranges: those
// that begin with a number or end with a number or a dash ("-"). Prose ends in a
// full stop: most lines are passed over here, once for all the rules.
using Rows = std::vector<std::pair<uint32_t, uint32_t>>;
Rows TableRows(std::string_view text, const std::vector<Token>& tokens);

// A league table's row: a name, then at least five numbers of which the
// first is the sum of the next three (played = won + drawn + lost: "Ajax 5
// 4 1 0 12 3 13"), or wins, losses and their winning percentage ("NEW YORK
// 74 58 .561 -"), an optional rank before it. The name is one ORG, a team,
// whatever the model made of it ("Vitesse Arnhem": a person and an
// organisation; "Roda JC", "Willem II": nothing; "BALTIMORE": the city); a
// country stays a LOC.
void StandingsRows(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, const Rows& rows,
                   const TableLabels& labels, std::vector<Span>* spans);

// A ranked result with a team after the competitor's country: a rank,
// the competitor, the country in brackets, then capitalised words before a
// number or a time ("4. Damon Hill ( Britain ) Williams 1:52.950", "1.
// Laurent Jalabert ( France ) ONCE 4 hours"): those words are the team, an
// ORG (the model had "Williams", "Benetton" as persons).
void TeamsInRankedRows(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, const Rows& rows,
                       const TableLabels& labels, std::vector<Span>* spans);

// A race card's result: a rank, a horse, its jockey in brackets, the odds
// ("1. Swain ( Frankie Dettori ) 4-1", "2. Silver Kestrel ( Kieren Fallon )
// 7-1"): the jockey is a PERSON and the horse no name at all (the model had
// horses as persons and organisations).
void RaceCards(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, const TableLabels& labels,
               std::vector<Span>* spans);

// A press digest's row: in a document whose headline or lead says it is one
// ("PRESS DIGEST", "Headlines in major Greek newspapers :"), a line that
// begins with up to four words in capitals and a spaced dash ("TA NEA --
// Simitis to announce ...", "CUMHURIYET - Central Bank governor ..."), or
// that is up to four such words alone before a line beginning with a dash
// ("DAILY NATION" then "- Opposition leader ..."), begins with a
// newspaper: an ORG (the model had most of them as nothing, "SABAH" as a
// place, "KENYA TIMES" as the country).
void PressDigestRows(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                     const TableLabels& labels, std::vector<Span>* spans);

// A competitor's country in the Olympic committee's three letters in
// brackets after a name, before a number, a comma or the line's end
// ("Aalborg Håndbold (DEN) 31", "2 Y. Tesfaye (ESP) 29:15"): a LOC, on a
// sports page (`sports_page`, asked only when there are such codes) or
// where three of them stand before figures.
void CountryCodesInResults(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys,
                           const TableLabels& labels, const std::function<bool()>& sports_page,
                           std::vector<Span>* spans);

// A cricket scorecard's batting row: the batsman, how he was out ("c"
// fielder "b" bowler, "lbw b", "st ... b", "c and b", "run out", "not
// out", "retired"), the runs ("A. Stewart b Waqar Younis 44", "M. Atherton
// c Inzamam-ul-Haq b Wasim Akram 31"). Each name there is a PERSON, with its
// initials ("A." and "I." are no article or pronoun there) and hyphenated
// parts.
void CricketScorecards(std::string_view text, const std::vector<Token>& tokens, const KeyViews& keys, const Rows& rows,
                       const TableLabels& labels, std::vector<Span>* spans);

}  // namespace tidings::enrich::names
