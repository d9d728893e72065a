#include "ui/model/reference_scope.h"

#include <gtest/gtest.h>

#include "demo_store_test.h"

namespace relay::edge::ui {
namespace {

class ReferenceScopeTest : public testing::DemoStoreTest {
 protected:
  GlyphSet glyphs_;
};

TEST_F(ReferenceScopeTest, APostsHoldersComeFromItsUnitsTeam) {
  RecordLabels labels(*store_, glyphs_);
  RecordForm post(*FindTable("posts"));
  post.StartNew();
  const FieldSpec& holder = *FindTable("posts")->Field("holder_a_id");
  EXPECT_EQ(ReferenceScope(post, holder, labels), OptionScope{});  // no unit yet: anyone

  post.Field("unit_id")->text = demo_->id("rescue");
  EXPECT_EQ(ReferenceScope(post, holder, labels), OptionScope::Only("team_id", demo_->id("squad")));
  // The unit itself is picked from every unit.
  EXPECT_EQ(ReferenceScope(post, *FindTable("posts")->Field("unit_id"), labels), OptionScope{});
}

TEST_F(ReferenceScopeTest, ALegsVehicleAndDriverFromThePickupGachaComeFirst) {
  RecordLabels labels(*store_, glyphs_);
  RecordForm leg(*FindTable("transport_legs"));
  leg.StartNew();
  const TableSpec& legs = *FindTable("transport_legs");
  EXPECT_EQ(ReferenceScope(leg, *legs.Field("vehicle_id"), labels), OptionScope{});  // no call
  leg.Field("transport_id")->text = demo_->id("stroke");
  const std::string gacha = demo_->id("baoligen");
  EXPECT_EQ(ReferenceScope(leg, *legs.Field("vehicle_id"), labels),
            OptionScope::First("home_gacha_id", gacha));
  EXPECT_EQ(ReferenceScope(leg, *legs.Field("driver_id"), labels),
            OptionScope::First("gacha_id", gacha));
  // The transport itself is picked from every transport.
  EXPECT_EQ(ReferenceScope(leg, *legs.Field("transport_id"), labels), OptionScope{});
}

TEST_F(ReferenceScopeTest, AHandoffsMeetingPointsFromThePickupGachaComeFirst) {
  RecordLabels labels(*store_, glyphs_);
  RecordForm handoff(*FindTable("handoffs"));
  handoff.StartNew();
  handoff.Field("transport_id")->text = demo_->id("trauma");
  EXPECT_EQ(ReferenceScope(handoff, *FindTable("handoffs")->Field("rendezvous_point_id"), labels),
            OptionScope::First("gacha_id", demo_->id("bayin")));
}

}  // namespace
}  // namespace relay::edge::ui
