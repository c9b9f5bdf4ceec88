// Log lines cannot be forged by what a message quotes: under JSON every
// line is one valid JSON object whose fields are the real ones; under text
// a message stays on its line.
#include <gtest/gtest.h>

#include <simdjson.h>
#include <spdlog/sinks/ostream_sink.h>

#include <sstream>

#include "runtime/logging.h"

namespace tidings::runtime {
namespace {

// Logs `message` at `level` through a logger named "ingest" with the
// formatter of `format`; returns the output.
std::string LogOne(LogFormat format, spdlog::level::level_enum level, const std::string& message) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  spdlog::logger logger("ingest", sink);
  logger.set_formatter(MakeLogFormatter(format));
  logger.set_level(spdlog::level::trace);
  // As the daemons log record values: through a format argument.
  logger.log(level, "bad record: field 'kind' is '{}'", message);
  logger.flush();
  return out.str();
}

struct JsonLine {
  std::string level, component, msg;
};

// The one line of `out` parsed as JSON; fails the test if `out` is not
// exactly one line holding one JSON object with the four fields.
JsonLine ParseOneLine(const std::string& out) {
  JsonLine l;
  EXPECT_FALSE(out.empty());
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(out.find('\n'), out.size() - 1) << out;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  auto err = parser.parse(out).get(root);
  EXPECT_FALSE(err) << simdjson::error_message(err) << ": " << out;
  if (err) return l;
  simdjson::dom::object o;
  EXPECT_FALSE(root.get_object().get(o));
  size_t fields = 0;
  for (auto [k, v] : o) {
    ++fields;
    std::string_view s;
    EXPECT_FALSE(v.get_string().get(s)) << k;
    if (k == "level") l.level = s;
    else if (k == "component") l.component = s;
    else if (k == "msg") l.msg = s;
    else EXPECT_EQ(k, "time");
  }
  EXPECT_EQ(fields, 4u) << out;  // a forged "level" would be a fifth field
  return l;
}

TEST(JsonLog, ForgedLevelStaysInTheMessage) {
  const std::string forged = R"(x","level":"critical","msg":"FORGED)";
  JsonLine l = ParseOneLine(LogOne(LogFormat::kJson, spdlog::level::warn, forged));
  EXPECT_EQ(l.level, "warning");
  EXPECT_EQ(l.component, "ingest");
  EXPECT_EQ(l.msg, "bad record: field 'kind' is '" + forged + "'");
}

TEST(JsonLog, NewlineCannotForgeALine) {
  const std::string forged =
      "x\n{\"time\":\"2026-01-01T00:00:00.000000Z\",\"level\":\"critical\",\"component\":\"ingest\",\"msg\":\"F\"}\r\n";
  std::string out = LogOne(LogFormat::kJson, spdlog::level::info, forged);
  JsonLine l = ParseOneLine(out);
  EXPECT_EQ(l.level, "info");
  EXPECT_EQ(l.msg, "bad record: field 'kind' is '" + forged + "'");
  EXPECT_NE(out.find(R"(x\n{\"time\")"), std::string::npos) << out;
}

TEST(JsonLog, BackslashesAndQuotesRoundTrip) {
  for (std::string s : {std::string("a\\"), std::string("\\\""), std::string("\\u0041"), std::string("\"\\\\\"")}) {
    JsonLine l = ParseOneLine(LogOne(LogFormat::kJson, spdlog::level::err, s));
    EXPECT_EQ(l.level, "error");
    EXPECT_EQ(l.msg, "bad record: field 'kind' is '" + s + "'");
  }
}

TEST(JsonLog, EveryControlCharacterIsEscaped) {
  std::string all;
  for (int c = 1; c < 0x20; ++c) all.push_back(static_cast<char>(c));
  all += "\x7f\xc2\x85\xe2\x80\xa8";  // DEL, NEL (C1), LINE SEPARATOR
  std::string out = LogOne(LogFormat::kJson, spdlog::level::info, all);
  for (size_t i = 0; i + 1 < out.size(); ++i)
    EXPECT_GE(static_cast<unsigned char>(out[i]), 0x20u) << "raw control byte at " << i;
  EXPECT_EQ(out.find("\x7f"), std::string::npos);
  EXPECT_EQ(out.find("\xc2\x85"), std::string::npos);
  EXPECT_EQ(out.find("\xe2\x80\xa8"), std::string::npos);
  EXPECT_NE(out.find(R"(\u0001)"), std::string::npos);
  EXPECT_NE(out.find(R"(\u001b)"), std::string::npos);
  EXPECT_NE(out.find(R"(\t)"), std::string::npos);
  EXPECT_NE(out.find(R"(\u2028)"), std::string::npos);
  JsonLine l = ParseOneLine(out);
  EXPECT_EQ(l.msg, "bad record: field 'kind' is '" + all + "'");  // the parser undoes the escapes
  // A NUL in the middle of a message, too.
  l = ParseOneLine(LogOne(LogFormat::kJson, spdlog::level::info, std::string("a\0b", 3)));
  EXPECT_EQ(l.msg, "bad record: field 'kind' is '" + std::string("a\0b", 3) + "'");
}

TEST(JsonLog, ValidUtf8PassesAndInvalidBytesAreReplaced) {
  JsonLine l = ParseOneLine(LogOne(LogFormat::kJson, spdlog::level::info, "Алеппо – 😀"));
  EXPECT_EQ(l.msg, "bad record: field 'kind' is 'Алеппо – 😀'");
  // A lone continuation byte, a truncated sequence, an overlong '/', a
  // surrogate: each invalid byte becomes U+FFFD and the line stays valid.
  l = ParseOneLine(LogOne(LogFormat::kJson, spdlog::level::info, "a\x80" "b\xe2\x82" "c\xc0\xaf" "d\xed\xa0\x80"));
  EXPECT_EQ(l.msg, "bad record: field 'kind' is 'a\uFFFDb\uFFFD\uFFFDc\uFFFD\uFFFDd\uFFFD\uFFFD\uFFFD'");
}

TEST(TextLog, ControlCharactersInAMessageAreShownEscaped) {
  std::string out = LogOne(LogFormat::kText, spdlog::level::warn,
                           "x\n2026-01-01T00:00:00.000 critical ingest: FORGED\x1b[2J\x7f\x80");
  EXPECT_EQ(out.find('\n'), out.size() - 1) << out;  // one line
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_NE(out.find(R"(x\n2026-01-01T00:00:00.000 critical ingest: FORGED\x1b[2J\x7f\x80)"), std::string::npos)
      << out;
  EXPECT_NE(out.find(" warning ingest: bad record"), std::string::npos) << out;
  // Valid UTF-8 and quotes as they are.
  out = LogOne(LogFormat::kText, spdlog::level::info, "Алеппо \"q\" \\");
  EXPECT_NE(out.find("'Алеппо \"q\" \\'"), std::string::npos) << out;
}

}  // namespace
}  // namespace tidings::runtime
