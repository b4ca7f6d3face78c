#include "core/matrix.hpp"

namespace mc {

std::string shapeText(Index rows, Index cols) {
  return std::to_string(rows) + "x" + std::to_string(cols);
}

}  // namespace mc
