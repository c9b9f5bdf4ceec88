#include "store/errors.h"

#include <gtest/gtest.h>
#include <rocksdb/status.h>

namespace tidings::store {
namespace {

using RS = rocksdb::Status;

TEST(StoreErrors, ClassifiesRocksDbStatuses) {
  EXPECT_EQ(Classify(RS::OK()), ErrorKind::kNone);
  EXPECT_EQ(Classify(RS::NoSpace("disk")), ErrorKind::kNoSpace);
  EXPECT_EQ(Classify(RS::SpaceLimit("sst manager")), ErrorKind::kNoSpace);
  EXPECT_EQ(Classify(RS::Busy()), ErrorKind::kBusy);
  EXPECT_EQ(Classify(RS::TryAgain()), ErrorKind::kBusy);
  EXPECT_EQ(Classify(RS::TimedOut()), ErrorKind::kBusy);
  EXPECT_EQ(Classify(RS::IOError("read")), ErrorKind::kIo);
  EXPECT_EQ(Classify(RS::Corruption("block checksum mismatch")), ErrorKind::kCorruption);
  EXPECT_EQ(Classify(RS::InvalidArgument("x")), ErrorKind::kOther);
  EXPECT_EQ(Classify(RS::NotSupported("x")), ErrorKind::kOther);
}

TEST(StoreErrors, OnlyTransientKindsAreRetried) {
  EXPECT_TRUE(Retriable(ErrorKind::kNoSpace));
  EXPECT_TRUE(Retriable(ErrorKind::kBusy));
  EXPECT_TRUE(Retriable(ErrorKind::kIo));
  EXPECT_FALSE(Retriable(ErrorKind::kCorruption));
  EXPECT_FALSE(Retriable(ErrorKind::kOther));
  EXPECT_FALSE(Retriable(ErrorKind::kNone));
}

TEST(StoreErrors, KeepsCodeSubcodeAndSeverityInOneLine) {
  ErrorKind kind = ErrorKind::kNone;
  RS s(RS::NoSpace("No space left on device"), RS::kHardError);
  Status st = FromRocks(s, "write batch", &kind);
  EXPECT_EQ(kind, ErrorKind::kNoSpace);
  EXPECT_EQ(st.code(), ErrorCode::kIo);
  EXPECT_NE(st.message().find("write batch: "), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("code=IOError subcode=NoSpace severity=hard_error"), std::string::npos)
      << st.message();
  Status c = FromRocks(RS::Corruption("bad block\nin /db/000012.sst"), "scan", &kind);
  EXPECT_EQ(kind, ErrorKind::kCorruption);
  EXPECT_EQ(c.message().find('\n'), std::string::npos);
  EXPECT_NE(c.message().find("000012.sst"), std::string::npos);
  EXPECT_TRUE(FromRocks(RS::OK(), "x", &kind).ok());
  EXPECT_EQ(kind, ErrorKind::kNone);
}

TEST(StoreErrors, KindNamesAreMetricLabels) {
  EXPECT_EQ(ErrorKindName(ErrorKind::kNoSpace), "no_space");
  EXPECT_EQ(ErrorKindName(ErrorKind::kBusy), "busy");
  EXPECT_EQ(ErrorKindName(ErrorKind::kIo), "io");
  EXPECT_EQ(ErrorKindName(ErrorKind::kCorruption), "corruption");
  EXPECT_EQ(ErrorKindName(ErrorKind::kOther), "other");
}

TEST(StoreErrors, RetryDelayDoublesUpToTheCap) {
  using std::chrono::milliseconds;
  EXPECT_EQ(RetryDelay(0, milliseconds(200), milliseconds(10000)), milliseconds(200));
  EXPECT_EQ(RetryDelay(1, milliseconds(200), milliseconds(10000)), milliseconds(400));
  EXPECT_EQ(RetryDelay(5, milliseconds(200), milliseconds(10000)), milliseconds(6400));
  EXPECT_EQ(RetryDelay(6, milliseconds(200), milliseconds(10000)), milliseconds(10000));
  EXPECT_EQ(RetryDelay(1000, milliseconds(200), milliseconds(10000)), milliseconds(10000));
}

}  // namespace
}  // namespace tidings::store
