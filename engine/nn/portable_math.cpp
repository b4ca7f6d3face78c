// Cody-Waite range reduction with constants split in two or three parts (as in fdlibm), then Taylor
// polynomials evaluated by Horner's rule. Plain + - * / and std::ldexp / std::frexp (exact), so every
// IEEE-754 platform computes the same bits (the build does not contract a*b+c into FMA: ISO mode).
#include "nn/portable_math.hpp"

#include <cmath>
#include <limits>

namespace mc::nn {

namespace {
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;
constexpr double kPio2_1 = 1.57079632673412561417e+00;  // first 33 bits of pi/2
constexpr double kPio2_2 = 6.07710050630396597660e-11;
constexpr double kPio2_3 = 2.02226624871116645580e-21;
constexpr double kTwoOverPi = 6.36619772367581382433e-01;

double sinPoly(double r) {  // |r| <= pi/4: r - r^3/3! + ... - r^19/19!
  const double r2 = r * r;
  double term = 1;
  for (int k = 19; k >= 3; k -= 2) term = 1 - term * r2 / (static_cast<double>(k) * (k - 1));
  return r * term;
}
double cosPoly(double r) {  // |r| <= pi/4: 1 - r^2/2! + ... + r^20/20!
  const double r2 = r * r;
  double term = 1;
  for (int k = 20; k >= 2; k -= 2) term = 1 - term * r2 / (static_cast<double>(k) * (k - 1));
  return term;
}
constexpr double kTwoPi = 6.28318530717958647692;
// Above 2^30 the argument is first reduced modulo the double nearest 2 pi with std::fmod (exact, so every
// platform agrees). Doubles that large are spaced 2^-22 apart or more (2 and more from 2^53 on), so little
// or none of the angle survives: the result is defined by this convention, and stays in [-1, 1].
constexpr double kMaxDirect = 1073741824.0;  // 2^30
// x = n pi/2 + r, |r| <= pi/4 (accurate for |x| up to about 1e6, far beyond what data sets need).
// The quadrant is n mod 4 taken on the double (exact): converting n itself to an integer type is
// undefined behaviour once |n| passes the type's range (a point at y = 1e28 with the sin feature).
double reduce(double x, int& quadrant) {
  if (std::fabs(x) > kMaxDirect) x = std::fmod(x, kTwoPi);
  const double n = std::nearbyint(x * kTwoOverPi);
  quadrant = static_cast<int>(std::fmod(n, 4.0));  // -3 .. 3
  return ((x - n * kPio2_1) - n * kPio2_2) - n * kPio2_3;
}
}  // namespace

double portableExp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.782712893384) return std::numeric_limits<double>::infinity();
  if (x < -745.1332191019412) return 0;
  const double k = std::nearbyint(x * kInvLn2);
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;  // |r| <= ln2 / 2
  double sum = 1;
  for (int i = 17; i >= 1; --i) sum = 1 + sum * r / i;
  return std::ldexp(sum, static_cast<int>(k));
}

double portableLog(double x) {
  if (std::isnan(x) || x < 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0) return -std::numeric_limits<double>::infinity();
  if (std::isinf(x)) return x;
  int e = 0;
  double m = std::frexp(x, &e);  // x = m 2^e, m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m *= 2;
    --e;
  }
  // log m = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716
  const double s = (m - 1) / (m + 1);
  const double s2 = s * s;
  double series = 0;
  for (int k = 27; k >= 3; k -= 2) series = (series + 1.0 / k) * s2;
  const double logM = 2 * s + 2 * s * series;
  return e * kLn2Hi + (logM + e * kLn2Lo);
}

double portableSin(double x) {
  if (!std::isfinite(x)) return std::numeric_limits<double>::quiet_NaN();
  int q = 0;
  const double r = reduce(x, q);
  switch (((q % 4) + 4) % 4) {
    case 0: return sinPoly(r);
    case 1: return cosPoly(r);
    case 2: return -sinPoly(r);
    default: return -cosPoly(r);
  }
}

double portableCos(double x) {
  if (!std::isfinite(x)) return std::numeric_limits<double>::quiet_NaN();
  int q = 0;
  const double r = reduce(x, q);
  switch (((q % 4) + 4) % 4) {
    case 0: return cosPoly(r);
    case 1: return -sinPoly(r);
    case 2: return -cosPoly(r);
    default: return sinPoly(r);
  }
}

}  // namespace mc::nn
