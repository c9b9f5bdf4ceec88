// proto/README.md promises: fields are only added, numbers never reused. A
// record written by either revision parses with the other, and a v1 reader
// passes the fields it does not know through unchanged.
#include <gtest/gtest.h>

#include "document_next.pb.h"
#include "tidings/v1/document.pb.h"

TEST(SchemaEvolution, V1RecordParsesWithNextSchema) {
  tidings::v1::Document v1;
  v1.set_id("a1");
  v1.set_kind("article");
  v1.set_text("Aleppo fell.");
  v1.mutable_ingest()->set_version(3);
  tidings::v1next::Document next;
  ASSERT_TRUE(next.ParseFromString(v1.SerializeAsString()));
  EXPECT_EQ(next.id(), "a1");
  EXPECT_EQ(next.text(), "Aleppo fell.");
  EXPECT_EQ(next.ingest().version(), 3u);
  EXPECT_EQ(next.tags_size(), 0);
}

TEST(SchemaEvolution, NextRecordParsesWithV1AndKeepsNewFields) {
  tidings::v1next::Document next;
  next.set_id("c7");
  next.set_kind("comment");
  next.set_thread_id("a1");
  next.set_parent_id("c3");
  next.set_text("Spot on.");
  next.add_tags("agree");
  next.set_reading_minutes(0.5);
  next.mutable_ingest()->set_ingest_host("host-1");

  tidings::v1::Document v1;
  ASSERT_TRUE(v1.ParseFromString(next.SerializeAsString()));
  EXPECT_EQ(v1.id(), "c7");
  EXPECT_EQ(v1.parent_id(), "c3");
  EXPECT_EQ(v1.text(), "Spot on.");

  // Relayed by a v1 stage, the new fields survive.
  tidings::v1next::Document back;
  ASSERT_TRUE(back.ParseFromString(v1.SerializeAsString()));
  ASSERT_EQ(back.tags_size(), 1);
  EXPECT_EQ(back.tags(0), "agree");
  EXPECT_DOUBLE_EQ(back.reading_minutes(), 0.5);
  EXPECT_EQ(back.ingest().ingest_host(), "host-1");
}
