#pragma once
// The structure of an op's local Jacobian d vec(y) / d vec(input), named as the paper names it, for
// the trace: every op's row describes its own (ops/op.hpp, core/jacobian_structure.hpp); this adds the
// shapes and the JSON. A trace shows the full matrix when it is small and this description when it is not.
#include "core/jacobian_structure.hpp"
#include "ops/op.hpp"
#include "ops/structure.hpp"

#include <nlohmann/json_fwd.hpp>

namespace mc {

void to_json(nlohmann::json& j, const KroneckerFactor& f);
void to_json(nlohmann::json& j, const JacobianStructure& s);

namespace trace {

using mc::expandStructure;
using mc::JacobianStructure;
using mc::KroneckerFactor;

// Describes d vec(y) / d vec(input k) of op at args (k = 0 first input, 1 second), with its shapes.
JacobianStructure describeJacobian(Op op, int input, const OpArgs& args);

// True when the Jacobian of op with respect to input k is diagonal (the op works entry by entry on it).
bool isDiagonalJacobian(Op op, int input);

}  // namespace trace

}  // namespace mc
