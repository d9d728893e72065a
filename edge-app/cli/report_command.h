#pragma once

#include <string>
#include <vector>

#include "relay/clock.h"

// relay-cli report --period P [--township CODE] [--xlsx FILE] [--csv DIR] [--lang zh|en]:
// computes the county's figures from the database at db_path and prints them as JSON, or
// writes the exports asked for; returns the process's exit status.
int ReportCommand(const std::string& db_path, const std::vector<std::string>& args,
                  relay::Clock& clock);
