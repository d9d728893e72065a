#pragma once

#include <string>
#include <vector>

#include "relay/edge/local_store.h"
#include "relay/readiness.h"
#include "relay/status.h"

namespace relay::edge::ui {

// One post of a unit with its holders' names; a gap when the A or the B holder is missing.
struct PostCell {
  std::string post_id;
  std::string name;
  std::string qualification;
  std::string holder_a;  // the member's name; empty when nobody holds the post
  std::string holder_b;
  bool gap = false;
};

// One unit of a team (its kind as stored, e.g. "epidemic_prevention") and its posts by name.
struct UnitRow {
  std::string unit_id;
  std::string unit_kind;
  std::vector<PostCell> posts;
};

// A team's roster as the teams screen shows it: units × posts with A/B holders, and readiness.
struct TeamGrid {
  std::vector<UnitRow> units;
  TeamReadiness readiness;
};

// Reads the units, posts and members of a team (archived ones left out) into its grid;
// today ("YYYY-MM-DD", banner time) decides whose training is in date.
Result<TeamGrid> LoadTeamGrid(LocalStore& store, const std::string& team_id,
                              const std::string& today);

}  // namespace relay::edge::ui
