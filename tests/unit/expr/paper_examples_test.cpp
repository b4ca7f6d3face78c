// The paper's checklist of derivative rules, written in the calculator's language, each against the paper's closed form.
// Every derivative is also checked by the calculator's own finite differences (check.passed).
#include "expr_support.hpp"

using namespace mc;
using namespace mc::test;

namespace {
// d output / d wrt at the given values of the declared variables.
json at(const std::string& source, const std::string& wrt, json values = json::object()) {
  json r = calc(source, {{"wrt", wrt}, {"values", values}, {"graph", false}});
  CHECK(r.at("check").at("passed").get<bool>());
  CHECK(r.at("modes").at("agree").get<bool>());
  return r;
}
}  // namespace

TEST_CASE("item 3: scalar derivative rules", "[expr][paper]") {
  for (double x : {-1.3, 0.7, 2.1}) {
    CAPTURE(x);
    const json v = {{"x", x}};
    const std::string decl = "x: scalar = 1\n";
    checkClose(derivativeOf(at(decl + "7 + 0 * 2", "x", v)), scalar(0));                  // constant: 0
    checkClose(derivativeOf(at(decl + "4 sin(x)", "x", v)), scalar(4 * std::cos(x)));      // c f: c f'
    checkClose(derivativeOf(at(decl + "x^5", "x", v)), scalar(5 * std::pow(x, 4)));       // x^n: n x^(n-1)
    checkClose(derivativeOf(at(decl + "x^2 + sin(x)", "x", v)), scalar(2 * x + std::cos(x)));  // f + g
    checkClose(derivativeOf(at(decl + "x^3 - exp(x)", "x", v)), scalar(3 * x * x - std::exp(x)));  // f - g
    checkClose(derivativeOf(at(decl + "x^2 * sin(x)", "x", v)),                             // f g: f g' + f' g
               scalar(x * x * std::cos(x) + 2 * x * std::sin(x)));
    checkClose(derivativeOf(at(decl + "sin(x^2)", "x", v)), scalar(std::cos(x * x) * 2 * x));  // chain
  }
}

TEST_CASE("item 4: partial derivatives and the gradient of 3x^2 y and 2x + y^8", "[expr][paper]") {
  const std::string program = "x: scalar = 1\ny: scalar = 1\nf = 3x^2 y\ng = 2x + y^8\n";
  for (auto [x, y] : {std::pair{2.0, 3.0}, std::pair{-1.5, 0.5}}) {
    CAPTURE(x, y);
    const json v = {{"x", x}, {"y", y}};
    json fx = calc(program, {{"output", "f"}, {"wrt", "x"}, {"values", v}});
    json fy = calc(program, {{"output", "f"}, {"wrt", "y"}, {"values", v}});
    checkClose(valueOf(fx), scalar(3 * x * x * y));
    checkClose(derivativeOf(fx), scalar(6 * x * y));  // df/dx = 6xy
    checkClose(derivativeOf(fy), scalar(3 * x * x));  // df/dy = 3x^2
    json gx = calc(program, {{"output", "g"}, {"wrt", "x"}, {"values", v}});
    json gy = calc(program, {{"output", "g"}, {"wrt", "y"}, {"values", v}});
    checkClose(derivativeOf(gx), scalar(2));
    checkClose(derivativeOf(gy), scalar(8 * std::pow(y, 7)));
  }
  // The gradient as one vector: p = [x, y], picked apart with dot products.
  const std::string vectorForm = "p: vec(2) = [2, 3]\nx = dot(p, [1, 0])\ny = p . [0, 1]\nf = 3x^2 y\n";
  json r = at(vectorForm, "p");
  CHECK(r["derivative"]["kind"] == "gradient");
  checkClose(derivativeOf(r), col({6 * 2 * 3, 3 * 2 * 2}));  // grad f = [6xy, 3x^2]
}

TEST_CASE("item 5: the Jacobian of [3x^2 y, 2x + y^8] and of the identity", "[expr][paper]") {
  const double x = 2, y = 3;
  json r = at("p: vec(2) = [2, 3]\nx = dot(p, [1, 0])\ny = dot(p, [0, 1])\n[3x^2 y, 2x + y^8]", "p");
  CHECK(r["derivative"]["kind"] == "jacobian");
  CHECK(r["derivative"]["shape"] == "2x2");
  Matrix expected(2, 2);
  expected << 6 * x * y, 3 * x * x, 2, 8 * std::pow(y, 7);  // rows are the gradients
  checkClose(derivativeOf(r), expected);

  // the same with x and y as two scalar variables: "wrt": ["x", "y"] puts their columns side by side
  json both = calc("x: scalar = 2\ny: scalar = 3\n[3x^2 y, 2x + y^8]", {{"wrt", {"x", "y"}}});
  CHECK(both["check"]["passed"] == true);
  CHECK(both["derivative"]["wrt"] == json::array({"x", "y"}));
  CHECK(both["derivative"]["columns"][1]["first"] == 1);
  checkClose(derivativeOf(both), expected);
  json grad = calc("x: scalar = 2\ny: scalar = 3\n3x^2 y", {{"wrt", {"x", "y"}}});
  CHECK(grad["derivative"]["kind"] == "gradient");
  checkClose(derivativeOf(grad), col({6 * x * y, 3 * x * x}));  // grad f = [6xy, 3x^2], as a column

  json id = at("x: vec(3) = [1, -2, 5]\nx", "x");
  checkClose(derivativeOf(id), Matrix::Identity(3, 3));  // f(x) = x: J = I
}

TEST_CASE("item 6: element-wise binary operations have diagonal Jacobians", "[expr][paper]") {
  const Matrix w = col({1.5, -2, 0.5}), x = col({3, 0.25, -4});
  const std::string decl = "w: vec(3) = [1.5, -2, 0.5]\nx: vec(3) = [3, 0.25, -4]\n";
  const Matrix I = Matrix::Identity(3, 3);
  checkClose(derivativeOf(at(decl + "w + x", "w")), I);
  checkClose(derivativeOf(at(decl + "w + x", "x")), I);
  checkClose(derivativeOf(at(decl + "w - x", "w")), I);
  checkClose(derivativeOf(at(decl + "w - x", "x")), -I);
  checkClose(derivativeOf(at(decl + "w * x", "w")), Matrix(x.asDiagonal()));  // diag(x)
  checkClose(derivativeOf(at(decl + "w * x", "x")), Matrix(w.asDiagonal()));  // diag(w)
  checkClose(derivativeOf(at(decl + "w / x", "w")), Matrix(x.cwiseInverse().asDiagonal()));  // diag(1/x_i)
  const Matrix dx = -(w.array() / x.array().square()).matrix();
  checkClose(derivativeOf(at(decl + "w / x", "x")), Matrix(dx.asDiagonal()));  // diag(-w_i / x_i^2)
}

TEST_CASE("item 7: scalar expansion", "[expr][paper]") {
  const double z = 1.75;
  const Matrix x = col({2, -1, 0.5});
  const std::string decl = "x: vec(3) = [2, -1, 0.5]\nz: scalar = 1.75\n";
  for (const char* sum : {"x + z", "z + x"}) {
    CAPTURE(sum);
    checkClose(derivativeOf(at(decl + sum, "x")), Matrix::Identity(3, 3));  // dy/dx = I
    checkClose(derivativeOf(at(decl + sum, "z")), Matrix::Ones(3, 1));      // dy/dz = 1
  }
  for (const char* product : {"x * z", "z x"}) {
    CAPTURE(product);
    checkClose(derivativeOf(at(decl + product, "x")), z * Matrix::Identity(3, 3));  // z I
    checkClose(derivativeOf(at(decl + product, "z")), x);                           // x
  }
}

TEST_CASE("item 8: vector sum reduction", "[expr][paper]") {
  const double z = -0.5;
  const Matrix x = col({2, -1, 0.5});
  const std::string decl = "x: vec(3) = [2, -1, 0.5]\nz: scalar = -0.5\n";
  json s = at(decl + "sum(x)", "x");
  checkClose(jacobianOf(s), Matrix::Ones(1, 3));  // 1^T, a row of ones
  checkClose(derivativeOf(s), Matrix::Ones(3, 1));  // the gradient, shaped like x
  checkClose(jacobianOf(at(decl + "sum(x*z)", "x")), Matrix::Constant(1, 3, z));  // [z ... z]
  checkClose(derivativeOf(at(decl + "sum(x*z)", "z")), scalar(x.sum()));          // sum(x)
  checkClose(derivativeOf(at(decl + "sum(x^2)", "x")), 2 * x);  // dy/dx_j = sum_i df_i/dx_j = 2 x_j
}

TEST_CASE("item 9: chain rules", "[expr][paper]") {
  for (double x : {0.3, 1.2}) {
    CAPTURE(x);
    const json v = {{"x", x}};
    // single-variable: y = sin(x^2), u = x^2 as an intermediate variable
    checkClose(derivativeOf(at("x: scalar = 1\nu = x^2\ny = sin(u)", "x", v)), scalar(std::cos(x * x) * 2 * x));
    // total derivative: y = x + u with u = x^2, dy/dx = 1 + 2x
    checkClose(derivativeOf(at("x: scalar = 1\nu = x^2\ny = x + u", "x", v)), scalar(1 + 2 * x));
    // the vector chain rule on the paper's y = [ln(x^2), sin(3x)]: dy/dx = [2/x, 3 cos(3x)]
    json r = at("x: scalar = 1\n[ln(x^2), sin(3x)]", "x", v);
    checkClose(valueOf(r), col({std::log(x * x), std::sin(3 * x)}));
    checkClose(derivativeOf(r), col({2 / x, 3 * std::cos(3 * x)}));
  }
}

TEST_CASE("item 10: the gradient of a neuron's activation", "[expr][paper]") {
  const Matrix w = col({0.5, -1, 2}), x = col({1, 2, 0.25});
  const std::string decl = "w: vec(3) = [0.5, -1, 2]\nx: vec(3) = [1, 2, 0.25]\nb: scalar = 0\n";
  checkClose(jacobianOf(at(decl + "w.x", "w")), x.transpose());  // d(w.x)/dw = x^T
  checkClose(jacobianOf(at(decl + "w.x", "x")), w.transpose());  // d(w.x)/dx = w^T
  checkClose(jacobianOf(at(decl + "sum(w*x)", "w")), x.transpose());  // via u = w*x, y = sum(u)
  const double wx = w.col(0).dot(x.col(0));  // -1
  for (double b : {2.0, -3.0}) {  // z = w.x + b is 1 (active) and -4 (inactive)
    CAPTURE(b);
    const json v = {{"b", b}};
    const bool active = wx + b > 0;
    json dw = at(decl + "max(0, w.x + b)", "w", v);
    json db = at(decl + "max(0, w.x + b)", "b", v);
    checkClose(valueOf(dw), scalar(std::max(0.0, wx + b)));
    checkClose(jacobianOf(dw), active ? Matrix(x.transpose()) : Matrix::Zero(1, 3));  // x^T or 0^T
    checkClose(derivativeOf(db), scalar(active ? 1 : 0));
  }
}

TEST_CASE("item 11: the gradient of the loss over N inputs", "[expr][paper]") {
  // rows of X are the inputs x_i; C = (1/N) sum_i (y_i - max(0, w.x_i + b))^2
  Matrix X(4, 2);
  X << 1, 2, -1, 0.5, 3, -2, 0.5, 0.5;
  const Matrix y = col({1, 0.5, -1, 2});
  const Matrix w = col({0.4, -0.3});
  const double b = 0.1;
  const std::string program =
      "X: mat(4,2) = [[1, 2], [-1, 0.5], [3, -2], [0.5, 0.5]]\n"
      "y: vec(4) = [1, 0.5, -1, 2]\n"
      "w: vec(2) = [0.4, -0.3]\n"
      "b: scalar = 0.1\n"
      "C = mean((y - max(0, X @ w + b))^2)";
  const Index N = X.rows();
  Matrix dw = Matrix::Zero(2, 1);
  double db = 0, loss = 0;
  int active = 0;
  for (Index i = 0; i < N; ++i) {
    const double z = (X.row(i) * w)(0, 0) + b;
    const double a = std::max(0.0, z);
    loss += (y(i) - a) * (y(i) - a) / static_cast<double>(N);
    if (z <= 0) continue;
    ++active;
    dw += (2.0 / static_cast<double>(N)) * (z - y(i)) * X.row(i).transpose();  // (2/N) sum (z_i - y_i) x_i
    db += (2.0 / static_cast<double>(N)) * (z - y(i));
  }
  REQUIRE(active > 0);
  REQUIRE(active < N);  // both branches of max(0, z) are exercised
  json rw = at(program, "w");
  json rb = at(program, "b");
  checkClose(valueOf(rw), scalar(loss));
  checkClose(derivativeOf(rw), dw);  // the gradient, shaped like w (the paper writes its transpose)
  checkClose(derivativeOf(rb), scalar(db));
}

TEST_CASE("item 12: every value and derivative states its shape", "[expr][paper]") {
  json r = at("W: mat(2,3) = [[1, 2, 3], [4, 5, 6]]\nx: vec(3) = [1, 0, -1]\nW @ x", "W");
  CHECK(r["output"]["shape"] == "2x1");
  CHECK(r["derivative"]["shape"] == "2x6");  // 2 outputs by the 6 entries of W
  CHECK(r["variables"][0]["type"] == "mat(2,3)");
  // d(Wx)_i / dW_{kj} = [i == k] x_j, entries of W taken column by column
  Matrix expected = Matrix::Zero(2, 6);
  const double xs[3] = {1, 0, -1};
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) expected(i, i + 2 * j) = xs[j];
  checkClose(derivativeOf(r), expected);
  CHECK(r["derivative"]["layout"].get<std::string>().find("column by column") != std::string::npos);
}
