#include "store/errors.h"

#include <algorithm>
#include <string>

#include <rocksdb/status.h>

namespace tidings::store {
namespace {

using RS = rocksdb::Status;

std::string_view CodeName(RS::Code c) {
  switch (c) {
    case RS::kOk: return "OK";
    case RS::kNotFound: return "NotFound";
    case RS::kCorruption: return "Corruption";
    case RS::kNotSupported: return "NotSupported";
    case RS::kInvalidArgument: return "InvalidArgument";
    case RS::kIOError: return "IOError";
    case RS::kMergeInProgress: return "MergeInProgress";
    case RS::kIncomplete: return "Incomplete";
    case RS::kShutdownInProgress: return "ShutdownInProgress";
    case RS::kTimedOut: return "TimedOut";
    case RS::kAborted: return "Aborted";
    case RS::kBusy: return "Busy";
    case RS::kExpired: return "Expired";
    case RS::kTryAgain: return "TryAgain";
    case RS::kCompactionTooLarge: return "CompactionTooLarge";
    case RS::kColumnFamilyDropped: return "ColumnFamilyDropped";
    default: return "Unknown";
  }
}

std::string_view SubCodeName(RS::SubCode c) {
  switch (c) {
    case RS::kNone: return "None";
    case RS::kMutexTimeout: return "MutexTimeout";
    case RS::kLockTimeout: return "LockTimeout";
    case RS::kLockLimit: return "LockLimit";
    case RS::kNoSpace: return "NoSpace";
    case RS::kDeadlock: return "Deadlock";
    case RS::kStaleFile: return "StaleFile";
    case RS::kMemoryLimit: return "MemoryLimit";
    case RS::kSpaceLimit: return "SpaceLimit";
    case RS::kPathNotFound: return "PathNotFound";
    case RS::KMergeOperandsInsufficientCapacity: return "MergeOperandsInsufficientCapacity";
    case RS::kManualCompactionPaused: return "ManualCompactionPaused";
    case RS::kOverwritten: return "Overwritten";
    case RS::kTxnNotPrepared: return "TxnNotPrepared";
    case RS::kIOFenced: return "IOFenced";
    default: return "Unknown";
  }
}

std::string_view SeverityName(RS::Severity s) {
  switch (s) {
    case RS::kNoError: return "none";
    case RS::kSoftError: return "soft_error";
    case RS::kHardError: return "hard_error";
    case RS::kFatalError: return "fatal_error";
    case RS::kUnrecoverableError: return "unrecoverable_error";
    default: return "unknown";
  }
}

}  // namespace

std::string_view ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kNone: return "none";
    case ErrorKind::kNoSpace: return "no_space";
    case ErrorKind::kBusy: return "busy";
    case ErrorKind::kIo: return "io";
    case ErrorKind::kCorruption: return "corruption";
    case ErrorKind::kOther: return "other";
  }
  return "other";
}

ErrorKind Classify(const rocksdb::Status& s) {
  if (s.ok()) return ErrorKind::kNone;
  if (s.IsNoSpace() || s.subcode() == RS::kSpaceLimit) return ErrorKind::kNoSpace;
  switch (s.code()) {
    case RS::kCorruption: return ErrorKind::kCorruption;
    case RS::kBusy:
    case RS::kTryAgain:
    case RS::kTimedOut: return ErrorKind::kBusy;
    case RS::kIOError: return ErrorKind::kIo;
    default: return ErrorKind::kOther;
  }
}

bool Retriable(ErrorKind kind) {
  return kind == ErrorKind::kNoSpace || kind == ErrorKind::kBusy || kind == ErrorKind::kIo;
}

Status FromRocks(const rocksdb::Status& s, std::string_view what, ErrorKind* kind) {
  const ErrorKind k = Classify(s);
  if (kind != nullptr) *kind = k;
  if (k == ErrorKind::kNone) return Status::Ok();
  std::string msg(what);
  msg += ": ";
  msg += s.ToString();
  msg += " [rocksdb code=";
  msg += CodeName(s.code());
  msg += " subcode=";
  msg += SubCodeName(s.subcode());
  msg += " severity=";
  msg += SeverityName(s.severity());
  msg += "]";
  std::replace(msg.begin(), msg.end(), '\n', ' ');  // one line in logs and on stderr
  return {ErrorCode::kIo, std::move(msg)};
}

std::chrono::milliseconds RetryDelay(int attempt, std::chrono::milliseconds first, std::chrono::milliseconds max) {
  auto d = first;
  for (int i = 0; i < attempt && d < max; ++i) d *= 2;
  return std::min(d, max);
}

}  // namespace tidings::store
