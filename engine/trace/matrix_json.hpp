#pragma once
// How every matrix appears in a trace: {"rows": m, "cols": n, "data": [[row 0], [row 1], ...]}, row by
// row as on paper (whatever Eigen's storage order). Non-finite entries (a diverged step) become null.
#include "core/matrix.hpp"

#include <nlohmann/json_fwd.hpp>

namespace mc::trace {

nlohmann::json matrixJson(const Matrix& m);

// A number as the trace writes one: null when not finite (JSON has no inf or NaN).
nlohmann::json finiteOrNull(double v);

// The inverse, for tests and tools that read a trace back; throws std::invalid_argument naming the
// problem when the object is not shaped as above.
Matrix matrixFromJson(const nlohmann::json& j);

}  // namespace mc::trace
