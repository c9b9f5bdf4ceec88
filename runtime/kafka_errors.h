#pragma once
// How librdkafka errors read for people. librdkafka reports a failed SASL
// handshake as an error event while the request that was waiting fails
// with "Broker transport failure"; operators need to read "authentication
// failed" instead. Pure functions, any thread.

#include <string>
#include <string_view>

#include <librdkafka/rdkafkacpp.h>

namespace tidings::runtime {

enum class KafkaErrorKind {
  kOther,
  kAuthentication,  // SASL handshake failed: credentials, mechanism
  kAuthorization,   // authenticated, but an ACL denies the topic/group/...
  kTls,             // TLS handshake or certificate failure
};

KafkaErrorKind ClassifyKafkaError(RdKafka::ErrorCode code);

// One line for an error: "authentication failed: <detail>", "not
// authorized: <detail>", "TLS failed: <detail>", or just the detail for
// other errors. An empty `detail` is replaced by librdkafka's text for the
// code.
std::string DescribeKafkaError(RdKafka::ErrorCode code, std::string_view detail = {});

}  // namespace tidings::runtime
