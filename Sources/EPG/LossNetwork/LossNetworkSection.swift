import Config

/// The `loss_network:` section: the shape of the evolved loss L_φ
/// (Houthooft et al. 2018, §3 and appendix). Defaults are the paper's.
///
/// ```yaml
/// loss_network:
///   buffer_size: 512            # N
///   conv_kernels: [6, 4]
///   conv_strides: [5, 2]
///   conv_channels: [16, 32]
///   context_size: 32
///   head_hidden: 16
///   memory_units: 0
///   return_features: true
/// ```
public struct LossNetworkSection: ConfigSection, Sendable, Equatable, Hashable {
    /// N: rows of recent experience the loss reads (its temporal-convolution input).
    public var bufferSize = 512
    /// Kernel sizes of the temporal convolutions over the buffer, one per layer.
    public var convKernels = [6, 4]
    /// Strides of the temporal convolutions (same length as `conv_kernels`).
    public var convStrides = [5, 2]
    /// Output channels of the temporal convolutions (same length as `conv_kernels`).
    public var convChannels = [16, 32]
    /// Width of the context vector: a Dense layer on the time-averaged convolution output.
    public var contextSize = 32
    /// Hidden units of the per-row head [row, context] → hidden → 1.
    public var headHidden = 16
    /// Slope of the leaky ReLUs for negative inputs.
    public var leakySlope = 0.01
    /// Memory units: a learned vector appended to every row (0: none). Its
    /// initial value is part of φ; the inner loop trains it when `train_memory`.
    public var memoryUnits = 0
    /// Update the memory units with the inner loop's gradient of L_φ (Adam, the inner learning rate).
    public var trainMemory = true
    /// Standard deviation of φ₀'s Gaussian weights, per layer scaled by 1/√fan-in.
    public var initScale = 1.0
    /// Add the standardised discounted reward-to-go Ĝ (γ = `inner.gamma`) and Ĝ·log π(a|s) to every row (see `RowLayout`).
    public var returnFeatures = true

    public init() {}

    /// The fewest buffer rows the convolution stack accepts: each layer needs
    /// at least its kernel's length of input, so working back from one output step.
    public var minimumRows: Int {
        var rows = 1
        for (k, s) in zip(convKernels, convStrides).reversed() { rows = (rows - 1) * s + k }
        return rows
    }

    public func validate(_ check: ConfigValidator) throws {
        try check.range("bufferSize", bufferSize, 1...1_000_000)
        try check.nonEmpty("convKernels", convKernels)
        try check.positive("convKernels", each: convKernels)
        try check.positive("convStrides", each: convStrides)
        try check.positive("convChannels", each: convChannels)
        try check.require("convStrides", convStrides.count == convKernels.count,
                          "one stride per kernel (\(convKernels.count) kernels)")
        try check.require("convChannels", convChannels.count == convKernels.count,
                          "one channel count per kernel (\(convKernels.count) kernels)")
        try check.require("bufferSize", bufferSize >= minimumRows,
                          "at least \(minimumRows) rows: the convolution stack needs that many")
        try check.range("contextSize", contextSize, 1...4096)
        try check.range("headHidden", headHidden, 1...4096)
        try check.range("leakySlope", leakySlope, 0...1)
        try check.range("memoryUnits", memoryUnits, 0...4096)
        try check.positive("initScale", initScale)
    }
}
