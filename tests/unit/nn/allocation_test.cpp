// A training step re-records the same graph on a cleared tape, so after the first step of a given size
// it must allocate nothing (DESIGN.md). The count comes from allocation_counter.hpp (glibc, no ASan).
#include "nn/nn.hpp"

#include <catch2/catch.hpp>

#include "allocation_counter.hpp"

#if defined(MC_COUNT_ALLOCATIONS)
using namespace mc;
using namespace mc::nn;

TEST_CASE("the nn allocation counter sees Eigen matrices and operator new", "[nn][allocation]") {
  CHECK(allocationsOf([] {
          Matrix m(30, 30);
          m.setZero();
        }) >= 1);
  CHECK(allocationsOf([] {
          auto* p = new Trainer(parseConfigText("{}"));
          gSink = p;
          delete p;
        }) >= 1);
  CHECK(allocationsOf([] {}) == 0);
}

TEST_CASE("training steps allocate nothing after the first of their size", "[nn][allocation]") {
  const char* configs[] = {
      R"({"layers":[2,8,8,1],"activation":"tanh","output":"tanh","loss":"mse","dataset":{"name":"spiral"}})",
      R"({"layers":[2,8,8,1],"optimizer":{"name":"adam"},"regularization":{"kind":"l2","rate":0.01}})",
      R"({"layers":[2,6,1],"activation":"relu","optimizer":{"name":"momentum"},"regularization":{"kind":"l1","rate":0.01}})",
      R"({"layers":[7,6,3],"features":["x","y","x2","y2","xy","sinx","siny"],"dataset":{"name":"spiral3"}})",
  };
  for (const char* config : configs) {
    CAPTURE(config);
    Trainer t(parseConfigText(config));
    for (Granularity g : {Granularity::Batch, Granularity::Sample, Granularity::Epoch}) {
      CAPTURE(granularityName(g));
      t.step(g, 1);  // sizes the tape for this batch size
      CHECK(allocationsOf([&] { t.step(g, 30); }) == 0);
    }
  }
}
#endif
