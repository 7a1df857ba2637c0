"""Coverage: every mathematical statement of the three source texts, and what checks it.

Each entry names a statement of a seed (a short description in our words, the
seed, its section and a verbatim snippet that locates it) and either the claim
ids that check it or, when nothing can check it, the reason: an ``analogy``, an
``empirical claim`` (about practice, not mathematics), a ``citation`` (a result
quoted from the literature and not re-derived), a ``figure`` (the statement is
in an image the extraction lost), a ``definition`` (nothing to prove), or
``advice``/``question`` (not a statement at all).

The table is data (:func:`table`, a list of dicts) so the docs can render it;
``momentum-proofs coverage [--json]`` prints it with counts.  An id that is not
(yet) in the registry is reported as ``pending`` rather than silently accepted.

>>> rows = table()
>>> sorted(rows[0])
['claims', 'reason', 'section', 'seed', 'snippet', 'statement', 'status']
"""

from __future__ import annotations

from dataclasses import dataclass

from ._registry import SEEDS

REASONS = (
    "analogy",
    "empirical claim",
    "citation",
    "figure",
    "definition",
    "advice",
    "question",
)


@dataclass(frozen=True)
class Entry:
    """One statement of a seed and what accounts for it."""

    statement: str
    seed: str  # "blog", "distill" or "lecture"
    section: str
    snippet: str  # verbatim, whitespace collapsed
    claims: tuple[str, ...] = ()
    reason: str = ""  # "<kind>: <why>" when no claim can check it

    def __post_init__(self) -> None:
        if bool(self.claims) == bool(self.reason):
            raise ValueError(f"{self.statement!r}: give claim ids or a reason, not both/neither")
        if self.reason and self.reason.split(":")[0] not in REASONS:
            raise ValueError(f"{self.statement!r}: reason must start with one of {REASONS}")


def _d(statement, section, snippet, claims=(), reason=""):
    return Entry(statement, "distill", section, snippet, tuple(claims), reason)


def _b(statement, section, snippet, claims=(), reason=""):
    return Entry(statement, "blog", section, snippet, tuple(claims), reason)


def _l(statement, section, snippet, claims=(), reason=""):
    return Entry(statement, "lecture", section, snippet, tuple(claims), reason)


_INTRO = "Why Momentum Really Works"
_FIRST = "First Steps: Gradient Descent"
_STEP = "Choosing A Step-size"
_POLY = "Example: Polynomial Regression"
_DYN = "The Dynamics of Momentum"
_CRIT = "The Critical Damping Coefficient"
_OPT = "Optimal parameters"
_COLOR = "Example: The Colorization Problem"
_ALG = "Adventures in Algorithmic Space"
_ORACLE = "The Resisting Oracle"
_SGD = "Momentum with Stochastic Gradients"
_ONWARDS = "Onwards and Downwards"

ENTRIES: tuple[Entry, ...] = (
    # --- Distill: introduction -----------------------------------------------------
    _d(
        "momentum as a heavy ball rolling down a hill, ploughing through valleys and humps",
        _INTRO,
        "Momentum is a heavy ball rolling down the same hill.",
        reason="analogy: the physical story the article itself calls a cartoon",
    ),
    _d(
        "the convex quadratic reproduces momentum's local dynamics",
        _INTRO,
        "This model is rich enough to reproduce momentum’s local dynamics in real problems",
        ["HB-LESSARD-CYCLE"],
    ),
    _d(
        "a small enough step improves f monotonically",
        _INTRO,
        "For a step-size small enough, gradient descent makes a monotonic improvement at every "
        "iteration.",
        ["GD-DESCENT-LEMMA"],
    ),
    _d(
        "the slowest component, λ₁ or λₙ, sets gradient descent's rate (and its worst case)",
        _STEP,
        "The overall convergence rate is determined by the slowest error component, which must "
        "be either",
        ["GD-OPTIMAL", "WC-GD"],
    ),
    _d(
        "gradient descent always converges, to a local minimum",
        _INTRO,
        "It always converges, albeit to a local minimum.",
        ["GD-LOCAL-MIN"],
    ),
    _d(
        "exponential rate under curvature conditions",
        _INTRO,
        "under a few weak curvature conditions it can even get there at an exponential rate.",
        ["GD-RATE", "GD-STEP-INTERVAL"],
    ),
    _d(
        "losses drop fast first, then slow down",
        _INTRO,
        "Things often begin quite well — with an impressive, almost immediate decrease in the loss.",
        ["GD-FIRST"],
    ),
    _d(
        "β = 0 recovers gradient descent",
        _INTRO,
        "When β=0\\beta = 0β=0 , we recover gradient descent.",
        ["GD-RATE"],
    ),
    _d(
        "β = 0.99 (or 0.999) gives the needed boost",
        _INTRO,
        "this appears to be the boost we need.",
        reason="empirical claim: about typical training runs, no problem is specified",
    ),
    _d(
        "momentum gives up to a quadratic speedup",
        _INTRO,
        "First, momentum gives up to a quadratic speedup on many functions.",
        ["HB-ITERATIONS", "HB-OPTIMAL-RATE"],
    ),
    _d(
        "the speedup compared with FFT, Quicksort and Grover's algorithm",
        _INTRO,
        "this is similar to the speedup you get from the Fast Fourier Transform, Quicksort, and "
        "Grover’s Algorithm.",
        reason="analogy: a comparison of speed-ups in other fields",
    ),
    _d(
        "Nesterov's lower bound: momentum is optimal in a narrow sense",
        _INTRO,
        "A lower bound, courtesy of Nesterov [5], states that momentum is, in a certain very narrow "
        "and technical sense, optimal.",
        ["ROSEN-LOWER-BOUND", "ROSEN-HB-MEETS"],
    ),
    # --- Distill: gradient descent ---------------------------------------------------
    _d(
        "the minimiser of the quadratic is A⁻¹b",
        _FIRST,
        "Assume AAA is symmetric and invertible, then the optimal solution",
        ["GD-MINIMISER"],
    ),
    _d(
        "eigendecomposition and the change of basis x = Qᵀ(w − w*)",
        _FIRST,
        "If we perform a change of basis, xk=QT(wk−w⋆)",
        ["GD-BASIS"],
    ),
    _d(
        "per-eigenvalue iterates (1 − αλᵢ)ᵏxᵢ⁰ and the closed form of wᵏ − w*",
        _FIRST,
        "w^k - w^\\star = Qx^k=\\sum_i^n x^0_i(1-\\alpha\\lambda_i)^k q_i",
        ["GD-CLOSED-FORM"],
    ),
    _d(
        "largest eigenvalues converge first for most steps",
        "Decomposing the Error",
        "For most step-sizes, the eigenvectors with largest eigenvalues converge the fastest.",
        ["GD-FIRST"],
    ),
    _d(
        "the loss split per eigenspace",
        "Decomposing the Error",
        "f(w^{k})-f(w^{\\star})=\\sum(1-\\alpha\\lambda_{i})^{2k}\\lambda_{i}[x_{i}^{0}]^2",
        ["GD-LOSS-SPLIT"],
    ),
    _d(
        "workable steps 0 < αλᵢ < 2",
        _STEP,
        "All workable step-sizes, therefore, fall in the interval",
        ["GD-STEP-INTERVAL"],
    ),
    _d(
        "the rate is set by λ₁ or λₙ; optimal α = 2/(λ₁ + λₙ) and rate (κ − 1)/(κ + 1)",
        _STEP,
        "This overall rate is minimized when the rates for",
        ["GD-OPTIMAL"],
    ),
    _d(
        "condition number: distance to singularity, sensitivity of A⁻¹b, κ = 1 converges in one step",
        _STEP,
        "A ratio of κ=1\\kappa = 1κ=1 is ideal, giving convergence in one step",
        ["GD-KAPPA"],
    ),
    # --- Distill: polynomial regression --------------------------------------------
    _d(
        "polynomial fitting is least squares ½‖Zw − d‖² with the Vandermonde Z",
        _POLY,
        "\\tfrac{1}{2}\\|Zw - d\\|^2",
        ["POLY-QUADRATIC"],
    ),
    _d(
        "eigenfeatures; the problem separates into n one-dimensional problems",
        _POLY,
        "Now our optimization problem breaks down, really, into",
        ["POLY-EIGENFEATURES"],
    ),
    _d(
        "small-eigenvalue components are the most sensitive to noise",
        _POLY,
        "The most robust components appear in the front (with the largest eigenvalues), and the "
        "most sensitive components in the back (with the smallest eigenvalues).",
        ["POLY-NOISE"],
    ),
    _d(
        "early stopping acts like Tikhonov regularisation on the spectrum",
        _POLY,
        "Indeed, the effect of early stopping is very similar to that of more conventional methods "
        "of regularization, such as Tikhonov Regression.",
        ["POLY-EARLY-STOPPING", "POLY-TIKHONOV", "POLY-FILTERS"],
    ),
    _d(
        "early stopping is a free lunch",
        _POLY,
        "A beautiful free lunch [7] indeed.",
        reason="citation: an opinion backed by reference [7]",
    ),
    # --- Distill: dynamics of momentum ---------------------------------------------
    _d(
        "momentum update and its form on the quadratic",
        _DYN,
        "Since ∇f(wk)=Awk−b\\nabla f(w^k) = Aw^k - b∇f(wk)=Awk−b, the update on the quadratic is",
        ["HB-R", "HB-POLYAK"],
    ),
    _d(
        "the change of basis printed as x = Q(w − w*)",
        _DYN,
        "with the change of basis xk=Q(wk−w⋆)",
        ["HB-BASIS"],
    ),
    _d(
        "per-eigenvalue recurrence with the matrix R",
        _DYN,
        "(yikxik)=Rk(yi0xi0)R=(βλi−αβ1−αλi).",
        ["HB-R"],
    ),
    _d(
        "the eigenvalue formula for Rᵏ (distinct and repeated eigenvalues)",
        _DYN,
        "But for the 2×22 \\times 22×2 case there is an elegant and little known formula [9]",
        ["HB-POWER", "HB-POWER-PRINTED", "HB-TRANSIENT", "HB-CHARPOLY"],
    ),
    _d(
        "two coupled series, real or complex",
        _DYN,
        "we have two coupled series, which may have real or complex values.",
        ["HB-DISCRIMINANT"],
    ),
    _d(
        "the rate is max{|σ₁|, |σ₂|}",
        _DYN,
        "The convergence rate is therefore the slowest of the two rates,",
        ["HB-RATE"],
    ),
    _d(
        "regions of the parameter space with distinct behaviour",
        _DYN,
        "which reveal a rich taxonomy of convergence behavior [10]",
        ["HB-TAXONOMY"],
    ),
    _d(
        "stability 0 < αλ < 2 + 2β",
        _DYN,
        "The range of available step-sizes work out 5 to be",
        ["HB-STABILITY"],
    ),
    _d(
        "momentum doubles the admissible step",
        _DYN,
        "Momentum allows us to crank up the step-size up by a factor of 2 before diverging.",
        ["HB-STABILITY"],
    ),
    # --- Distill: critical damping -------------------------------------------------
    _d(
        "small-step momentum discretises a damped harmonic oscillator",
        _CRIT,
        "it is a discretization of a damped harmonic oscillator.",
        ["OSC-ODE-LIMIT", "OSC-CONVERGENCE"],
    ),
    _d(
        "a weight on a spring pulled down one unit",
        _CRIT,
        "This system is best imagined as a weight suspended on a spring.",
        reason="analogy: the physical picture of the recurrence",
    ),
    _d(
        "β decides how fast the system returns to equilibrium",
        _CRIT,
        "crucially affects the rate of return to equilibrium.",
        ["OSC-CRITICAL", "HB-TAXONOMY"],
    ),
    _d(
        "critical β = (1 − √(αλ))² with rate 1 − √(αλ), a square-root improvement",
        _CRIT,
        "A square root improvement over gradient descent,",
        ["HB-CRITICAL", "HB-CRITICAL-RANGE"],
    ),
    # --- Distill: optimal parameters -----------------------------------------------
    _d(
        "optimal α and β over [λ₁, λₙ]",
        _OPT,
        "To get a global convergence rate, we must optimize over both",
        ["HB-OPTIMAL"],
    ),
    _d(
        "the optimal rate (formula lost in extraction)",
        _OPT,
        "Plug this into the convergence rate, and you get",
        ["HB-OPTIMAL-RATE"],
    ),
    _d(
        "the condition number is square rooted",
        _OPT,
        "we have essentially square rooted the condition number!",
        ["HB-ITERATIONS"],
    ),
    _d(
        "for poor conditioning α ≈ twice gradient descent's and β ≈ 1",
        _OPT,
        "When the problem’s conditioning is poor, the optimal",
        ["HB-OPTIMAL-LIMITS"],
    ),
    _d(
        "set β near 1, then raise α to the edge of divergence",
        _OPT,
        "So set β\\betaβ as close to 111 as you can, and then find the highest",
        reason="advice: a tuning heuristic, not a statement",
    ),
    _d(
        "gradient descent's curve is monotone, momentum's oscillates (and first grows)",
        _OPT,
        "While the loss function of gradient descent had a graceful, monotonic curve, "
        "optimization with momentum displays clear oscillations.",
        ["WC-HB-PEAK", "HB-TAXONOMY"],
    ),
    _d(
        "momentum's loss curve ripples; ripples occur beyond quadratics",
        _OPT,
        "These ripples are not restricted to quadratics, and occur in all kinds of functions in "
        "practice.",
        reason="empirical claim: about functions met in practice (the quadratic case is HB-TAXONOMY)",
    ),
    # --- Distill: colorization -----------------------------------------------------
    _d(
        "the colorization optimum is all ones",
        _COLOR,
        "The optimal solution to this problem is a vector of all",
        ["COLOR-OPTIMUM"],
    ),
    _d(
        "the gradient step is a local weighted average",
        _COLOR,
        "The gradient step, for each component, is some form of weighted average of the current "
        "value and its neighbors:",
        ["COLOR-STEP"],
    ),
    _d(
        "diffusion like a drop of ink in water",
        _COLOR,
        "The updates are akin to a drop of ink, diffusing through water.",
        reason="analogy: the diffusion picture of local averaging",
    ),
    _d(
        "vectorised objective with the graph Laplacian",
        _COLOR,
        "In vectorized form, the colorization problem is",
        ["COLOR-VECTORISED", "COLOR-GRID-SPECTRUM"],
    ),
    _d(
        "Laplacian conditioning and its zero eigenvalue on the constant vector",
        _COLOR,
        "here defined as the ratio of the second eigenvector to the last",
        ["COLOR-CONDITION", "COLOR-ZERO-MODE"],
    ),
    _d(
        "conditioning is tied to the graph's connectivity",
        _COLOR,
        "is directly connected to the connectivity of the graph.",
        ["COLOR-GROWTH", "COLOR-PATH-SPECTRUM"],
    ),
    # --- Distill: limits of descent -------------------------------------------------
    _d(
        "gradient descent unrolled",
        _ALG,
        "we can write gradient descent as",
        ["UNROLL-GD"],
    ),
    _d(
        "momentum unrolled",
        _ALG,
        "A similar trick can be done with momentum:",
        ["UNROLL-MOMENTUM"],
    ),
    _d(
        "CG, AdaMax, averaged gradient can be unrolled the same way",
        _ALG,
        "including the Conjugate Gradient algorithm, AdaMax, Averaged Gradient and more,",
        ["CHEB-RESIDUAL", "CHEB-CG-BOUND", "UNROLL-LINEAR"],
    ),
    _d(
        "the class of linear first-order methods (scalar and diagonal weights)",
        _ALG,
        "contains momentum, gradient descent and a whole bunch of other algorithms you might "
        "dream up.",
        ["UNROLL-LINEAR"],
    ),
    _d(
        "Nesterov's Assumption 2.1.4",
        _ALG,
        "This is what is assumed in Assumption 2.1.4 [5] of Nesterov.",
        reason="citation: Nesterov's textbook",
    ),
    _d(
        "the convex Rosenbrock minimiser ((√κ − 1)/(√κ + 1))ⁱ",
        _ORACLE,
        "The optimal solution of this problem is",
        ["ROSEN-MINIMIZER"],
    ),
    _d(
        "condition number of fⁿ tends to κ",
        _ORACLE,
        "approaches κ\\kappaκ as nnn goes to infinity.",
        ["ROSEN-SPECTRUM"],
    ),
    _d(
        "each gradient component depends on its neighbours",
        _ORACLE,
        "First observe that each component of the gradient depends only on the values directly "
        "before and after it:",
        ["ROSEN-GRADIENT"],
    ),
    _d(
        "information moves one coordinate per step",
        _ORACLE,
        "Therefore the fact we start at 0 guarantees that that component must remain stoically there",
        ["ROSEN-SUPPORT"],
    ),
    _d(
        "the lower bound on ‖wᵏ − w*‖∞",
        _ORACLE,
        "We can therefore sum up the errors which cannot have changed yet",
        ["ROSEN-LOWER-BOUND"],
    ),
    _d(
        "momentum matches the lower bound as n grows",
        _ORACLE,
        "the convergence rate that momentum promises matches the best any linear first order "
        "algorithm can do.",
        ["ROSEN-HB-MEETS"],
    ),
    _d(
        "'the worst function in the world'",
        _ORACLE,
        "Nesterov called a variant of it “the worst function in the world”.",
        reason="citation: Nesterov's name for the function",
    ),
    # --- Distill: stochastic gradients ---------------------------------------------
    _d(
        "minibatch gradients replace the true gradient",
        _SGD,
        "like minibatch sampling, are often used as a plug-in replacement of",
        ["SGD-MINIBATCH"],
    ),
    _d(
        "on a quadratic the gradient error enters as a separate term; modelled as Gaussian noise",
        _SGD,
        "we model this as independent 0-mean Gaussian noise.",
        ["SGD-SPLIT"],
    ),
    _d(
        "expected objective = deterministic + stochastic error",
        _SGD,
        "the objective also breaks into two separable components, a sum of a deterministic error "
        "and a stochastic error",
        ["SGD-SPLIT", "SGD-FLOOR"],
    ),
    _d(
        "a smaller step lowers the stochastic error but slows convergence",
        _SGD,
        "Lowering the step-size, for example, decreases the stochastic error, but also slows down "
        "the rate of convergence.",
        ["SGD-FLOOR"],
    ),
    _d(
        "more momentum compounds the errors",
        _SGD,
        "And increasing momentum, contrary to popular belief, causes the errors to compound.",
        ["SGD-MOMENTUM-FLOOR", "SGD-EFFECTIVE-STEP"],
    ),
    _d(
        "SGD with momentum performs well on neural networks; the transient phase matters more",
        _SGD,
        "As [1] has observed, the transient phase seems to matter more than the fine-tuning phase "
        "in machine learning.",
        reason="empirical claim: observations on neural networks, citing [1]",
    ),
    _d(
        "gradient noise acts as an implicit regulariser",
        _SGD,
        "it acts as a implicit regularizer",
        reason="citation: a suggestion of reference [12]",
    ),
    # --- Distill: onwards -------------------------------------------------------------
    _d(
        "momentum as the discretisation of a differential equation",
        _ONWARDS,
        "which fully explores the idea of momentum as the discretization of a certain "
        "differential equation.",
        ["OSC-NESTEROV-ODE", "OSC-ODE-LIMIT"],
    ),
    _d(
        "the algebraic (polynomial) interpretation of momentum",
        _ONWARDS,
        "There is an algebraic interpretation of momentum in terms of approximating polynomials",
        ["CHEB-HB-RECURRENCE", "CHEB-MINIMAX", "CHEB-HB-VS-CHEBYSHEV", "WC-HB", "WC-NAG"],
    ),
    _d(
        "geometric and duality interpretations",
        _ONWARDS,
        "Geometric interpretations are emerging [15, 16]",
        reason="citation: references [15–18]",
    ),
    # --- blog -----------------------------------------------------------------------
    _b(
        "momentum helps where curvature differs between directions",
        "Momentum",
        "Momentum helps accelerate Gradient Descent(GD) when we have surfaces that curve more "
        "steeply in one direction than in another direction.",
        ["HB-ITERATIONS", "HB-OPTIMAL-RATE"],
    ),
    _b(
        "small steps improve monotonically; always converges to a local minimum",
        "Momentum",
        "It always converges, albeit to a local minimum",
        ["GD-DESCENT-LEMMA", "GD-LOCAL-MIN"],
    ),
    _b(
        "β = 0 recovers gradient descent",
        "Introducing Momentum",
        "When β=0 , we recover gradient descent.",
        ["GD-RATE"],
    ),
    _b(
        "quadratic speedup",
        "Introducing Momentum",
        "Momentum gives up to a quadratic speedup on many functions",
        ["HB-ITERATIONS"],
    ),
    _b(
        "Nesterov's lower bound",
        "Introducing Momentum",
        "A lower bound, courtesy of Nesterov, states that momentum is",
        ["ROSEN-LOWER-BOUND"],
    ),
    _b(
        "the quadratic, its minimiser and the iterates (formulas are lost images)",
        "First Steps: Gradient Descent",
        "Assume A is symmetric and invertible, then the optimal solution w* occurs at:",
        ["GD-MINIMISER", "GD-CLOSED-FORM"],
    ),
    _b(
        "change of basis x = Qᵀ(w − w*)",
        "First Steps: Gradient Descent",
        "If we perform a change of basis, x^{k} = Q^T(w^{k} — w^*)",
        ["GD-BASIS"],
    ),
    _b(
        "compounding rate 1 − αλᵢ",
        "Decomposing the Error",
        "decreasing exponentially with a compounding rate of 1−αλi",
        ["GD-CLOSED-FORM"],
    ),
    _b(
        "momentum's change of basis (garbled: x^{k} = Q(w^{k})",
        "The Dynamics of Momentum",
        "with the change of basis x^{k} = Q(w^{k} and y^{k} = Q*z^{k}",
        ["HB-BASIS"],
    ),
    _b(
        "rate max{|σ₁|, |σ₂|} and convergence criterion < 1",
        "The Dynamics of Momentum",
        "our convergence criterion is now: max{∣σ1∣,∣σ2∣}<1.",
        ["HB-RATE", "HB-STABILITY"],
    ),
    _b(
        "the rate printed with footnote marker 4 glued on as a power",
        "The Dynamics of Momentum",
        "The convergence rate is therefore the slowest of the two rates, max{∣σ1∣,∣σ2∣}^4.",
        ["HB-RATE-BLOG", "HB-RATE"],
    ),
    _b(
        "the Laplacian L_G, printed with footnote marker 8 beside it",
        "Example: The Colorization Problem",
        "The Laplacian matrix, LG 8, which dominates the behaviour of the optimization problem",
        ["COLOR-LAPLACIAN-BLOG", "COLOR-VECTORISED"],
    ),
    _b(
        "colorization optimum and Laplacian conditioning",
        "Example: The Colorization Problem",
        "is defined as the ratio of the second eigenvector to the last",
        ["COLOR-OPTIMUM", "COLOR-CONDITION", "COLOR-ZERO-MODE"],
    ),
    _b(
        "Nesterov evaluates the gradient at the look-ahead point",
        "Nesterov Momentum",
        "Here the gradient term is not computed from the current position θt in parameter space",
        ["NAG-FORMS", "NAG-MATRIX"],
    ),
    _b(
        "the gradient can 'go back' and correct an overshoot in the same step",
        "Nesterov Momentum",
        'the gradient can still "go back" and correct it in the same update step.',
        reason="analogy: an informal picture of the look-ahead correction",
    ),
    _b(
        "the tuning that gives Nesterov's guarantees",
        "Nesterov Momentum",
        "The hard part is actually finding the correct learning rate and momentum value",
        ["NAG-OPTIMAL", "NAG-TEXTBOOK", "NAG-STABILITY", "NAG-RATE"],
    ),
    _b(
        "Sutskever's manual tuning",
        "Nesterov Momentum",
        "Sutskever in his thesis suggests manual tuning",
        reason="citation: Sutskever's thesis",
    ),
    _b(
        "the Bengio form from the Sutskever form",
        "Nesterov Momentum",
        "The Bengio formulation of Nesterov momentum starts from the Sutskever definition",
        ["NAG-FORMS", "NAG-TORCH"],
    ),
    _b(
        "hard functions limit momentum, Nesterov and Adam",
        "Example: The Colorization Problem",
        "furnishes a class of functions so hard to optimize they reveal the limits of first "
        "order optimizations",
        ["ROSEN-SUPPORT", "UNROLL-LINEAR"],
    ),
    # --- lecture --------------------------------------------------------------------
    _l(
        "two-layer ReLU regression objective",
        "Back to Compute Graphs & NNs",
        "Two-layer NN for regression with ReLU activation",
        ["LECT-BACKPROP"],
    ),
    _l(
        "backpropagation numbers 2·2/3, 2·2/3·1/3, 2·2/3·2·1",
        "Gradient Descent for Neural Networks",
        "$$2 \\cdot \\frac{2}{3} \\cdot 2 \\cdot 1$$",
        ["LECT-BACKPROP"],
    ),
    _l(
        "the ReLU derivative's condition",
        "Gradient Descent for Neural Networks",
        "\\sigma = \\max(0, z) \\Rightarrow \\frac{\\partial \\sigma}{\\partial z}",
        ["LECT-RELU-CONDITION"],
    ),
    _l(
        "the update (1/3, 2) − α(8/3, 4/9)",
        "Gradient Descent for Neural Networks",
        "\\begin{pmatrix} \\frac{8}{3} \\\\ \\frac{4}{9} \\end{pmatrix}",
        ["LECT-UPDATE"],
    ),
    _l(
        "how to choose the learning rate",
        "Gradient Descent for Neural Networks",
        "But: how to choose a good learning rate $\\alpha$ ?",
        reason="question: answered in part by LECT-UPDATE and GD-OPTIMAL",
    ),
    _l(
        "data splits (e.g. 80/10/10)",
        "Recap: Basic Recipe for ML",
        "Other splits are also possible (e.g., 80%/10%/10%)",
        reason="empirical claim: practice, no mathematics",
    ),
    _l(
        "two classifiers give the same output; L2 and L1 penalties",
        "Regularization: Example",
        "Two linear classifiers that give the same result:",
        ["LECT-L1-L2"],
    ),
    _l(
        "L1 enforces sparsity, L2 similar weights",
        "Regularization: Example",
        "L1 regularization enforces **sparsity**",
        ["LECT-L1-L2"],
    ),
    _l(
        "L1/L2 on a dog classifier's features",
        "Regularization: Effect",
        "will focus all the attention to a few key features",
        reason="analogy: an illustration of LECT-L1-L2 on images",
    ),
    _l(
        "regularised network objective",
        "Regularization for Neural Networks",
        "\\lambda(w_1^2 + w_2^2)$$",
        ["LECT-REGULARISED"],
    ),
    _l(
        "regularisation lowers validation error while raising training error",
        "Regularization",
        "Lower validation error Increasing training error",
        reason="empirical claim: about generalisation in practice",
    ),
    _l(
        "the gradient is the direction of greatest increase; steps follow its negative",
        "Gradient Descent",
        "Direction of greatest increase of the function",
        ["LECT-STEEPEST-ASCENT"],
    ),
    _l(
        "gradient descent is not guaranteed to reach the global optimum",
        "Gradient Descent",
        "Not guaranteed to reach the global optimum",
        ["GD-LOCAL-MIN", "LECT-NONCONVEX"],
    ),
    _l(
        "for convex functions local minima are global",
        "Convergence of Gradient Descent",
        "Convex function: all local minima are global minima",
        ["LECT-CONVEX-LOCAL"],
    ),
    _l(
        "convexity: the segment lies on or above the graph",
        "Convergence of Gradient Descent",
        "If line/plane segment between any two points lies above or on the graph",
        reason="definition: used by LECT-NONCONVEX",
    ),
    _l(
        "neural networks are non-convex with many local minima",
        "Convergence of Gradient Descent",
        "Neural networks are non-convex",
        ["LECT-NONCONVEX"],
    ),
    _l(
        "gradient-descent update and stopping rule",
        "Gradient Descent: Single Training Sample",
        "Iterate until convergence:",
        reason="definition: the update rule and a stopping test",
    ),
    _l(
        "mean loss, its gradient, and omitting 1/n rescales the step",
        "Gradient Descent: Multiple Training Samples",
        "omitting $\\frac{1}{n}$ is not 'wrong', it just means rescaling the learning rate",
        ["SGD-MEAN-SUM"],
    ),
    _l(
        "the full gradient costs O(n); large networks make it expensive",
        "Stochastic Gradient Descent (SGD)",
        "we need to compute the gradient for all of them which is $O(n)$",
        reason="empirical claim: a cost remark about practice",
    ),
    _l(
        "mean loss as an expectation, approximated by a minibatch",
        "Stochastic Gradient Descent (SGD)",
        "The expectation can be approximated with a small subset of the data",
        ["SGD-MINIBATCH"],
    ),
    _l(
        "smaller batches give noisier gradients",
        "Stochastic Gradient Descent (SGD)",
        "Smaller batch size means greater variance in the gradients",
        ["SGD-MINIBATCH"],
    ),
    _l(
        "batch size limited by GPU memory; powers of 2",
        "Stochastic Gradient Descent (SGD)",
        "Mostly limited by GPU memory (in backward pass)",
        reason="empirical claim: hardware practice",
    ),
    _l(
        "2²⁰ samples in batches of 64 give 16,384 minibatches",
        "Stochastic Gradient Descent (SGD)",
        "B_1 \\dots 16,384$ minibatches",
        ["LECT-EPOCH"],
    ),
    _l(
        "stochastic approximation with an unbiased gradient estimate",
        "Convergence of SGD",
        "is the unbiased estimate of",
        ["SGD-MINIBATCH"],
    ),
    _l(
        "Robbins–Monro conditions and the sequence α/n",
        "Convergence of SGD",
        "The proposed sequence by Robbins and Monro is",
        ["SGD-ROBBINS-MONRO"],
    ),
    _l(
        "convergence to the minimum under those conditions and strict convexity",
        "Convergence of SGD",
        "converges to a local (**global**) minimum if the following conditions are met:",
        ["SGD-RM-CONDITIONS"],
    ),
    _l(
        "one step size for all directions forces a conservative rate",
        "Problems of SGD",
        "need to have conservative min learning rate to avoid divergence",
        ["GD-STEP-INTERVAL", "GD-OPTIMAL"],
    ),
    _l(
        "momentum in velocity form",
        "Gradient Descent with Momentum",
        "accumulation rate ('friction', momentum)",
        ["HB-VFORM"],
    ),
    _l(
        "the velocity is an exponentially weighted average of gradients",
        "Gradient Descent with Momentum",
        "Exponentially-weighted average of gradient",
        ["UNROLL-VELOCITY"],
    ),
    _l(
        "the step is largest when gradients agree",
        "Gradient Descent with Momentum",
        "Step will be largest when a sequence of gradients all point to the same direction",
        ["SGD-EFFECTIVE-STEP"],
    ),
    _l(
        "β is often 0.9",
        "Gradient Descent with Momentum",
        "$\\beta$ is often set to 0.9",
        reason="empirical claim: a common default",
    ),
    _l(
        "can momentum overcome local minima?",
        "Gradient Descent with Momentum",
        "Can it overcome local minima?",
        ["LECT-MOMENTUM-LOCAL-MIN"],
    ),
    _l(
        "Nesterov's look-ahead update",
        "Nesterov Momentum",
        "Look-ahead momentum",
        ["NAG-FORMS", "NAG-MATRIX", "NAG-TORCH"],
    ),
    _l(
        "Nesterov's O(1/k²) rate",
        "Nesterov Momentum",
        "A method for solving the convex programming problem with convergence rate",
        ["NAG-CONVEX"],
    ),
    _l(
        "jump, then correct (Hinton's picture)",
        "Nesterov Momentum",
        "First make a big jump in the direction of the previous accumulated gradient.",
        reason="analogy: Hinton's description of the look-ahead step",
    ),
)


def entries() -> tuple[Entry, ...]:
    """Every coverage entry, in the order of the sources.

    >>> print(entries()[0].seed)
    distill
    """
    return ENTRIES


def table(known_ids: set[str] | None = None) -> list[dict]:
    """The table as data: one dict per statement.

    Keys: ``statement``, ``seed`` (file name), ``section``, ``snippet``,
    ``claims`` (list of ids), ``status`` (``claim``, ``pending`` when an id is not
    in the registry, ``not checkable``) and ``reason``.

    >>> print(len(table()) == len(entries()))
    True
    """
    if known_ids is None:
        from . import claims as registry

        known_ids = set(registry.ids())
    rows = []
    for e in ENTRIES:
        if e.claims:
            status = "claim" if all(i in known_ids for i in e.claims) else "pending"
        else:
            status = "not checkable"
        rows.append(
            {
                "statement": e.statement,
                "seed": SEEDS[e.seed],
                "section": e.section,
                "snippet": e.snippet,
                "claims": list(e.claims),
                "status": status,
                "reason": e.reason,
            }
        )
    return rows


def counts(rows: list[dict] | None = None) -> dict:
    """Totals: statements, by status, not-checkable by reason, and per seed.

    >>> print(counts()["statements"] == len(entries()))
    True
    """
    rows = table() if rows is None else rows
    by_status: dict[str, int] = {}
    by_reason: dict[str, int] = {}
    by_seed: dict[str, dict[str, int]] = {}
    for r in rows:
        by_status[r["status"]] = by_status.get(r["status"], 0) + 1
        seed = by_seed.setdefault(r["seed"], {})
        seed[r["status"]] = seed.get(r["status"], 0) + 1
        if r["reason"]:
            kind = r["reason"].split(":")[0]
            by_reason[kind] = by_reason.get(kind, 0) + 1
    return {
        "statements": len(rows),
        "by_status": by_status,
        "not_checkable_by_reason": by_reason,
        "by_seed": by_seed,
    }


def missing_ids(known_ids: set[str] | None = None) -> list[str]:
    """Claim ids named in the table but not in the registry (reported as pending).

    >>> print(missing_ids())
    []
    """
    if known_ids is None:
        from . import claims as registry

        known_ids = set(registry.ids())
    return sorted({i for e in ENTRIES for i in e.claims if i not in known_ids})


__all__ = ["ENTRIES", "REASONS", "Entry", "counts", "entries", "missing_ids", "table"]
