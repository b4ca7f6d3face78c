#pragma once
// Building an op row and its Jacobian's structure (core/jacobian_structure.hpp), and turning a
// structure back into the matrix it stands for.
#include "ops/op.hpp"

#include <string>

namespace mc {

JacobianStructure namedStructure(const char* kind, std::string latex, std::string text);
// diag(derivative): entries are the diagonal, shaped like y (laid out in vec order).
JacobianStructure diagonalStructure(const char* derivativeLatex, const char* text, const Matrix& entries);
// A stored matrix in the description: kind "row", "column" or "matrix" with these entries.
JacobianStructure entriesStructure(const char* kind, std::string latex, std::string text, Matrix entries);
JacobianStructure kroneckerStructure(std::string latex, std::string text, KroneckerFactor left, KroneckerFactor right);
KroneckerFactor kroneckerMatrix(const Matrix& m);
KroneckerFactor kroneckerIdentity(Index n);
KroneckerFactor kroneckerOnesRow(Index n);
KroneckerFactor kroneckerOnesColumn(Index n);

// The M x N matrix a description stands for; throws std::invalid_argument for "unstructured".
Matrix expandStructure(const JacobianStructure& s);

// The derivative facts of a row; the rest (structure, language, constant) is set field by field.
OpInfo opRow(const char* name, int arity, Rule rule, decltype(OpInfo::shape) shape, decltype(OpInfo::forward) forward,
             decltype(OpInfo::vjp) vjp, decltype(OpInfo::jvp) jvp, decltype(OpInfo::jacobian) jacobian,
             decltype(OpInfo::structure) structure, unsigned diagonalInputs = 0);

}  // namespace mc
