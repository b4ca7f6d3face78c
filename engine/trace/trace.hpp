#pragma once
// The trace module's umbrella header: a recorded tape as JSON the page can show.
#include "trace/chain_of_factors.hpp"
#include "trace/gradient_check.hpp"
#include "trace/graph_trace.hpp"
#include "trace/jacobian_structure.hpp"
#include "trace/matrix_json.hpp"
#include "trace/step_trace.hpp"
