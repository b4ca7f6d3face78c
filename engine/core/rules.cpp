#include "core/rules.hpp"

namespace mc {

namespace {
// One row per Rule, in enum order.
constexpr RuleInfo kRules[] = {
    {"leaf", 0, "Input or parameter", R"(x)"},
    {"scalar-derivative", 3, "Scalar derivative rules, element-wise",
     R"(\frac{\partial \mathbf{y}}{\partial \mathbf{x}} = \operatorname{diag}\big(f'(x_1), \dots, f'(x_n)\big))"},
    {"elementwise-binary", 6, "Element-wise binary operation",
     R"(\frac{\partial (\mathbf{w} \otimes \mathbf{x})}{\partial \mathbf{w}} = \operatorname{diag}\Big(\frac{\partial (w_i \otimes x_i)}{\partial w_i}\Big))"},
    {"scalar-expansion", 7, "Scalar expansion",
     R"(\frac{\partial (\mathbf{x} + z)}{\partial z} = \vec{1},\quad \frac{\partial (\mathbf{x} z)}{\partial z} = \mathbf{x})"},
    {"sum-reduction", 8, "Vector sum reduction",
     R"(\frac{\partial\, \mathrm{sum}(\mathbf{x})}{\partial \mathbf{x}} = \vec{1}^{\,T})"},
    {"vector-chain-rule", 9, "Vector chain rule",
     R"(\frac{\partial \mathbf{y}}{\partial \mathbf{x}} = \frac{\partial \mathbf{f}}{\partial \mathbf{g}} \frac{\partial \mathbf{g}}{\partial \mathbf{x}})"},
    {"total-derivative", 9, "Total-derivative rule",
     R"(\frac{dy}{dx} = \frac{\partial f}{\partial x} + \sum_i \frac{\partial f}{\partial u_i} \frac{\partial u_i}{\partial x})"},
    {"dot-product", 10, "Gradient of a dot product",
     R"(\frac{\partial (\mathbf{w} \cdot \mathbf{x})}{\partial \mathbf{w}} = \mathbf{x}^T,\quad \frac{\partial (\mathbf{w} \cdot \mathbf{x})}{\partial \mathbf{x}} = \mathbf{w}^T)"},
    {"matrix-product", 10, "Matrix product (a layer of neurons)",
     R"(Y = W X:\quad \frac{\partial C}{\partial W} = \frac{\partial C}{\partial Y} X^T,\quad \frac{\partial C}{\partial X} = W^T \frac{\partial C}{\partial Y})"},
    {"bias-broadcast", 10, "Bias added across a batch",
     R"(Z = A + \mathbf{b}\vec{1}^{\,T}:\quad \frac{\partial C}{\partial \mathbf{b}} = \sum_j \frac{\partial C}{\partial Z_{:,j}})"},
    {"relu", 10, "Rectified linear unit",
     R"(\frac{\partial \max(0, z)}{\partial z} = \begin{cases} 0 & z \le 0 \\ 1 & z > 0 \end{cases})"},
    {"transpose", 12, "Transpose", R"(Y = X^T:\quad \frac{\partial C}{\partial X} = \Big(\frac{\partial C}{\partial Y}\Big)^T)"},
    {"mse-loss", 11, "Mean squared error",
     R"(C = \frac{1}{N} \sum_i (\hat{y}_i - y_i)^2,\quad \frac{\partial C}{\partial \hat{y}_i} = \frac{2}{N}(\hat{y}_i - y_i))"},
    {"cross-entropy", 0, "Cross-entropy from logits",
     R"(C = -\frac{1}{N}\sum_i \mathbf{y}_i \cdot \log \mathrm{softmax}(\mathbf{z}_i),\quad \frac{\partial C}{\partial \mathbf{z}_i} = \frac{1}{N}(\mathrm{softmax}(\mathbf{z}_i) - \mathbf{y}_i))"},
    {"softmax", 0, "Softmax", R"(\frac{\partial\, \mathrm{softmax}(\mathbf{z})}{\partial \mathbf{z}} = \operatorname{diag}(\mathbf{s}) - \mathbf{s}\mathbf{s}^T)"},
};
static_assert(sizeof(kRules) / sizeof(kRules[0]) == static_cast<int>(Rule::Count),
              "one RuleInfo per Rule");
}  // namespace

const RuleInfo& ruleInfo(Rule rule) { return kRules[static_cast<int>(rule)]; }

}  // namespace mc
