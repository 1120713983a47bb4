using Microsoft.Extensions.Options;

namespace CrmFederation.Gateway.Http;

/// <summary>Checks the declared bounds of <see cref="GraphQLHttpOptions"/> (generated, no reflection).</summary>
[OptionsValidator]
internal sealed partial class GraphQLHttpOptionsValidator : IValidateOptions<GraphQLHttpOptions>;
