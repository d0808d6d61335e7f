import Evolution

// Ask/tell OpenAI-ES on the sphere f(x) = Σ (x_i − 1)², maximising −f.
let dimension = 20
var es = try Strategy(configuration: .openAIES(populationSize: 64, sigma: 0.1, learningRate: 0.05, seed: 1),
                      mean: [Float](repeating: 0, count: dimension))
func sphere(_ x: [Float]) -> Float { x.reduce(0) { $0 + ($1 - 1) * ($1 - 1) } }

let start = sphere(es.mean)
for _ in 0..<300 {
    let genomes = es.ask()
    try es.tell(genomes.map { -sphere($0) })
}
let end = sphere(es.mean)
print("sphere(μ): \(start) at generation 0 → \(end) at generation \(es.generation)")
guard end < 0.01 * start else { fatalError("ES did not descend the sphere") }
