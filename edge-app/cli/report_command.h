#pragma once

#include <string>
#include <vector>

#include "relay/clock.h"
#include "relay/edge/local_store.h"

// relay-cli report --period P [--township CODE] [--xlsx FILE] [--csv DIR] [--lang zh|en]:
// computes the figures from the store's database (at db_path) for the banner, or the
// township it is enrolled for, and prints them as JSON or writes the exports asked for;
// returns the process's exit status.
int ReportCommand(relay::edge::LocalStore& store, const std::string& db_path,
                  const std::vector<std::string>& args, relay::Clock& clock);
