#include "runtime/kafka_errors.h"

namespace tidings::runtime {

KafkaErrorKind ClassifyKafkaError(RdKafka::ErrorCode code) {
  switch (code) {
    case RdKafka::ERR__AUTHENTICATION:
    case RdKafka::ERR_SASL_AUTHENTICATION_FAILED:
    case RdKafka::ERR_UNSUPPORTED_SASL_MECHANISM:
    case RdKafka::ERR_ILLEGAL_SASL_STATE:
      return KafkaErrorKind::kAuthentication;
    case RdKafka::ERR_TOPIC_AUTHORIZATION_FAILED:
    case RdKafka::ERR_GROUP_AUTHORIZATION_FAILED:
    case RdKafka::ERR_CLUSTER_AUTHORIZATION_FAILED:
    case RdKafka::ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED:
    case RdKafka::ERR_DELEGATION_TOKEN_AUTHORIZATION_FAILED:
      return KafkaErrorKind::kAuthorization;
    case RdKafka::ERR__SSL:
      return KafkaErrorKind::kTls;
    default:
      return KafkaErrorKind::kOther;
  }
}

std::string DescribeKafkaError(RdKafka::ErrorCode code, std::string_view detail) {
  std::string text = detail.empty() ? RdKafka::err2str(code) : std::string(detail);
  switch (ClassifyKafkaError(code)) {
    case KafkaErrorKind::kAuthentication: return "authentication failed: " + text;
    case KafkaErrorKind::kAuthorization: return "not authorized: " + text;
    case KafkaErrorKind::kTls: return "TLS failed: " + text;
    case KafkaErrorKind::kOther: break;
  }
  return text;
}

}  // namespace tidings::runtime
