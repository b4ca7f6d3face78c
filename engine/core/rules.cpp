#include "core/rules.hpp"

namespace mc {

namespace {
// One row per Rule, in enum order.
constexpr RuleInfo kRules[] = {
    {"leaf", 0, "", "Input or parameter", R"(x)"},
    {"scalar-derivative", 3, "2 Review: Scalar derivative rules", "Scalar derivative rules, element-wise",
     R"(\frac{\partial \mathbf{y}}{\partial \mathbf{x}} = \operatorname{diag}\big(f'(x_1), \dots, f'(x_n)\big))"},
    {"elementwise-binary", 6, "4.2 Derivatives of vector element-wise binary operators", "Element-wise binary operation",
     R"(\frac{\partial (\mathbf{w} \otimes \mathbf{x})}{\partial \mathbf{w}} = \operatorname{diag}\Big(\frac{\partial (w_i \otimes x_i)}{\partial w_i}\Big))"},
    {"scalar-expansion", 7, "4.3 Derivatives involving scalar expansion", "Scalar expansion",
     R"(\frac{\partial (\mathbf{x} + z)}{\partial z} = \vec{1},\quad \frac{\partial (\mathbf{x} z)}{\partial z} = \mathbf{x})"},
    {"sum-reduction", 8, "4.4 Vector sum reduction", "Vector sum reduction",
     R"(\frac{\partial\, \mathrm{sum}(\mathbf{x})}{\partial \mathbf{x}} = \vec{1}^{\,T})"},
    {"vector-chain-rule", 9, "4.5.3 Vector chain rule", "Vector chain rule",
     R"(\frac{\partial \mathbf{y}}{\partial \mathbf{x}} = \frac{\partial \mathbf{f}}{\partial \mathbf{g}} \frac{\partial \mathbf{g}}{\partial \mathbf{x}})"},
    {"total-derivative", 9, "4.5.2 Single-variable total-derivative chain rule", "Total-derivative rule",
     R"(\frac{dy}{dx} = \frac{\partial f}{\partial x} + \sum_i \frac{\partial f}{\partial u_i} \frac{\partial u_i}{\partial x})"},
    {"dot-product", 10, "5 The gradient of neuron activation", "Gradient of a dot product",
     R"(\frac{\partial (\mathbf{w} \cdot \mathbf{x})}{\partial \mathbf{w}} = \mathbf{x}^T,\quad \frac{\partial (\mathbf{w} \cdot \mathbf{x})}{\partial \mathbf{x}} = \mathbf{w}^T)"},
    {"matrix-product", 10, "5 The gradient of neuron activation", "Matrix product (a layer of neurons)",
     R"(Y = W X:\quad \frac{\partial C}{\partial W} = \frac{\partial C}{\partial Y} X^T,\quad \frac{\partial C}{\partial X} = W^T \frac{\partial C}{\partial Y})"},
    {"bias-broadcast", 10, "6.2 The derivative with respect to the bias", "Bias added across a batch",
     R"(Z = A + \mathbf{b}\vec{1}^{\,T}:\quad \frac{\partial C}{\partial \mathbf{b}} = \sum_j \frac{\partial C}{\partial Z_{:,j}})"},
    {"relu", 10, "5 The gradient of neuron activation", "Rectified linear unit",
     R"(\frac{\partial \max(0, z)}{\partial z} = \begin{cases} 0 & z \le 0 \\ 1 & z > 0 \end{cases})"},
    {"transpose", 0, "4.1 Generalization of the Jacobian", "Transpose", R"(Y = X^T:\quad \frac{\partial C}{\partial X} = \Big(\frac{\partial C}{\partial Y}\Big)^T)"},
    {"mse-loss", 11, "6 The gradient of the neural network loss function", "Mean squared error",
     R"(C = \frac{1}{N} \sum_i (\hat{y}_i - y_i)^2,\quad \frac{\partial C}{\partial \hat{y}_i} = \frac{2}{N}(\hat{y}_i - y_i))"},
    {"binary-cross-entropy", 0, "", "Binary cross-entropy from logits (fused with the sigmoid)",
     R"(C = \frac{1}{N}\sum_i -t_i \log \sigma(z_i) - (1 - t_i) \log\big(1 - \sigma(z_i)\big),\quad \frac{\partial C}{\partial z_i} = \frac{1}{N}\big(\sigma(z_i) - t_i\big))"},
    {"softmax-cross-entropy", 0, "", "Softmax cross-entropy from logits (fused with the softmax)",
     R"(C = -\frac{1}{N}\sum_j \mathbf{t}_j \cdot \log \mathrm{softmax}(\mathbf{z}_j),\quad \frac{\partial C}{\partial \mathbf{z}_j} = \frac{1}{N}\big(\mathrm{softmax}(\mathbf{z}_j) - \mathbf{t}_j\big))"},
    {"softmax", 0, "", "Softmax", R"(\frac{\partial\, \mathrm{softmax}(\mathbf{z})}{\partial \mathbf{z}} = \operatorname{diag}(\mathbf{s}) - \mathbf{s}\mathbf{s}^T)"},
    {"leaky-relu", 0, "", "Leaky rectified linear unit",
     R"(\frac{\partial \max(\alpha z, z)}{\partial z} = \begin{cases} \alpha & z \le 0 \\ 1 & z > 0 \end{cases})"},
    {"mean-reduction", 8, "4.4 Vector sum reduction", "Mean of the entries (a scaled sum reduction)",
     R"(\frac{\partial\, \mathrm{mean}(\mathbf{x})}{\partial \mathbf{x}} = \frac{1}{n}\vec{1}^{\,T})"},
    {"stack", 5, "4.1 Generalization of the Jacobian", "Stacking: each piece's rows of the Jacobian",
     R"(\mathbf{y} = \begin{bmatrix} \mathbf{a} \\ \mathbf{b} \end{bmatrix}:\quad \frac{\partial \mathbf{y}}{\partial \mathbf{a}} = \begin{bmatrix} I \\ 0 \end{bmatrix},\quad \frac{\partial \mathbf{y}}{\partial \mathbf{b}} = \begin{bmatrix} 0 \\ I \end{bmatrix})"},
    {"determinant", 0, "", "Determinant (Matrix Cookbook (49))",
     R"(\frac{\partial \det(X)}{\partial X} = \det(X)\, X^{-\top})"},
    {"log-determinant", 0, "", "Log-determinant (Matrix Cookbook (57))",
     R"(\frac{\partial \log\lvert\det(X)\rvert}{\partial X} = X^{-\top})"},
    {"inverse", 0, "", "Inverse (Matrix Cookbook (59))",
     R"(d(X^{-1}) = -X^{-1}\, dX\, X^{-1},\quad \bar{X} = -X^{-\top} \bar{Y} X^{-\top})"},
    {"kronecker", 0, "", "Kronecker product",
     R"(d(A \otimes B) = dA \otimes B + A \otimes dB,\quad \operatorname{vec}(A X B) = (B^\top \otimes A) \operatorname{vec}(X))"},
    {"vec", 0, "", "vec: the columns stacked",
     R"(\frac{\partial \operatorname{vec}(X)}{\partial \operatorname{vec}(X)} = I)"},
};
static_assert(sizeof(kRules) / sizeof(kRules[0]) == static_cast<int>(Rule::Count),
              "one RuleInfo per Rule");
}  // namespace

const RuleInfo& ruleInfo(Rule rule) { return kRules[static_cast<int>(rule)]; }

}  // namespace mc
