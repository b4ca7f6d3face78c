#include "trace/gradient_check.hpp"

#include <nlohmann/json.hpp>

#include "autodiff/derivatives.hpp"
#include "trace/matrix_json.hpp"

namespace mc::trace {

GradientCheck checkGradients(Tape& tape, Var root, const std::vector<Var>& variables, double h) {
  if (root.tape != &tape) throw std::invalid_argument("checkGradients: the root is not on this tape");
  if (!isScalar(root.value())) {
    throw ShapeError("checkGradients: the root is " + shapeText(root.value()) + ", not 1x1");
  }
  GradientCheck out;
  out.step = h;
  out.relFloor = kRelFloor;
  for (const Var& x : variables) {
    const Matrix& g = x.grad();
    // The gradient as the 1 x N row of the Jacobian (numerator layout, vec order).
    const Matrix analytic = Eigen::Map<const Eigen::RowVectorXd>(g.data(), g.size());
    const FdReport report = checkJacobian(tape, root, x, analytic, h);
    VariableCheck c;
    c.id = x.id;
    c.maxRelError = report.maxRelError;
    c.maxAbsError = report.maxAbsError;
    c.worstRow = report.worstCol % x.rows();
    c.worstCol = report.worstCol / x.rows();
    c.numeric = Eigen::Map<const Matrix>(report.numeric.data(), x.rows(), x.cols());
    out.maxRelError = std::max(out.maxRelError, c.maxRelError);
    out.maxAbsError = std::max(out.maxAbsError, c.maxAbsError);
    out.variables.push_back(std::move(c));
  }
  return out;
}

void to_json(nlohmann::json& j, const VariableCheck& c) {
  j = nlohmann::json{{"id", c.id},
                     {"maxRelError", c.maxRelError},
                     {"maxAbsError", c.maxAbsError},
                     {"worstEntry", {c.worstRow, c.worstCol}},
                     {"numeric", matrixJson(c.numeric)}};
}

void to_json(nlohmann::json& j, const GradientCheck& c) {
  j = nlohmann::json{{"method", "central differences"}, {"step", c.step},         {"relFloor", c.relFloor},
                     {"maxRelError", c.maxRelError},   {"maxAbsError", c.maxAbsError}, {"variables", c.variables}};
}

}  // namespace mc::trace
