#pragma once
// The CSV cell reader of the 2-D point parser (engine/nn/dataset.cpp), shared with tables.
#include <string>

namespace mc::nn {

// A decimal number with optional sign and exponent, nothing else (no inf, nan or hex); out-of-range
// magnitudes fail.
bool parseCsvNumber(const std::string& field, double& out);

}  // namespace mc::nn
