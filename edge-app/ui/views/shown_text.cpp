#include "ui/views/shown_text.h"

namespace relay::edge::ui {

ShownTextMap& SessionTextMap() {
  static ShownTextMap map;
  return map;
}

}  // namespace relay::edge::ui
