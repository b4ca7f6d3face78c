#pragma once
// The engine's umbrella header: the tape, the ops as functions on Vars, and derivatives.
#include "autodiff/derivatives.hpp"
#include "core/matrix.hpp"
#include "core/rules.hpp"
#include "core/tape.hpp"
#include "ops/functions.hpp"
#include "ops/op.hpp"
