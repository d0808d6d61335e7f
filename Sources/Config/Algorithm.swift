/// Which program a config drives; a command decodes the rest of the document
/// into that algorithm's own `Configuration` type.
public enum Algorithm: String, Codable, CaseIterable, Sendable {
    /// A single PPO agent (Schulman et al. 2017).
    case ppo
    /// Evolution strategies on a policy's flat parameters (Salimans et al. 2017).
    case es
    /// Evolved Policy Gradients: an evolved loss function (Houthooft et al. 2018).
    case epg
    /// Learned policy optimisation: an evolved drift for PPO's objective (Lu et al. 2022; TA-LPO: Jackson et al. 2024).
    case lpo
    /// Population Based Training (Jaderberg et al. 2017).
    case pbt
    /// Paired Open-Ended Trailblazer (Wang et al. 2019).
    case poet
}
