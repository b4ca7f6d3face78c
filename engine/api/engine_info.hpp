#pragma once
// The engine's version, for the bindings and the CLI.

namespace mc::api {

const char* engineVersion();

}  // namespace mc::api
