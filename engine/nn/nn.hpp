#pragma once
// The nn module's umbrella header: configs, data sets, the network, optimisers and the trainer.
#include "nn/config.hpp"
#include "nn/dataset.hpp"
#include "nn/features.hpp"
#include "nn/network.hpp"
#include "nn/optimizer.hpp"
#include "nn/portable_math.hpp"
#include "nn/rng.hpp"
#include "nn/trainer.hpp"
