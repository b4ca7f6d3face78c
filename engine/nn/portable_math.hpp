#pragma once
// exp, log, sin and cos from + - * / and sqrt only, so data sets are bit-identical natively and in
// WebAssembly (glibc's and musl's libm may differ in the last bit). About 1e-15 relative accuracy: for
// generating data, not for the ops of the tape (those use std::).
namespace mc::nn {

double portableExp(double x);
double portableLog(double x);  // x > 0; NaN otherwise
double portableSin(double x);
double portableCos(double x);

}  // namespace mc::nn
