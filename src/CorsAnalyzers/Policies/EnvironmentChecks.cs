using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Policies;

/// <summary>
/// Recognises code that only runs in development: under <c>env.IsDevelopment()</c>,
/// <c>IsEnvironment("Development")</c>, <c>EnvironmentName == "Development"</c> (or <c>Environments.Development</c>),
/// in the else branch of their negation, or after <c>if (!env.IsDevelopment()) return;</c>.
/// <c>!IsProduction()</c> is not development: staging reaches it too.
/// </summary>
internal static class EnvironmentChecks
{
    public static bool IsDevelopmentOnly(IOperation operation)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ILocalFunctionOperation:
                    return false; // runs whenever it is called, wherever it is declared
                case IConditionalOperation conditional when child == conditional.WhenTrue && IsDevelopment(conditional.Condition) == true:
                case IConditionalOperation conditional2 when child == conditional2.WhenFalse && IsDevelopment(conditional2.Condition) == false:
                    return true;
                case IBlockOperation block when AfterNonDevelopmentExit(block, child):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A policy step that only runs in development: under a development check where it is written, or spliced in
    /// from a helper whose call sits in a development-only branch of the policy (one of its guards).
    /// </summary>
    public static bool IsDevelopmentOnly(PolicyStep step)
    {
        if (IsDevelopmentOnly(step.Operation))
        {
            return true;
        }

        foreach (var guard in step.Guards)
        {
            if (guard.Owner is IConditionalOperation conditional && IsDevelopment(conditional.Condition) is { } development
                && ((guard.Arm == 0 && development) || (guard.Arm == 1 && !development)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Entry points run in every environment: top-level statements, Main, and a Startup's
    /// <c>Configure(IApplicationBuilder ...)</c> / <c>ConfigureServices(IServiceCollection)</c> /
    /// <c>Configure{Environment}Services(IServiceCollection)</c> (by signature, not by name alone: a helper called
    /// <c>Configure(CorsOptions)</c> is an ordinary method whose callers decide).
    /// </summary>
    public static bool IsEntryPoint(IMethodSymbol method)
    {
        if (method.Name is WellKnownMemberNames.TopLevelStatementsEntryPointMethodName or "Main")
        {
            return true;
        }

        if (method.Name == "Configure")
        {
            return method.Parameters.Length > 0 && method.Parameters[0].Type.Name == "IApplicationBuilder";
        }

        return method.Name.StartsWith("Configure", System.StringComparison.Ordinal)
            && method.Name.EndsWith("Services", System.StringComparison.Ordinal)
            && method.Parameters.Length == 1
            && method.Parameters[0].Type.Name == "IServiceCollection";
    }

    /// <summary>True: the condition means "development"; false: it means "not development"; null: something else.</summary>
    public static bool? IsDevelopment(IOperation? condition)
    {
        switch (condition)
        {
            case IParenthesizedOperation parenthesized:
                return IsDevelopment(parenthesized.Operand);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return IsDevelopment(not.Operand) is { } inner ? !inner : null;
            case IInvocationOperation { TargetMethod.Name: "IsDevelopment" }:
                return true;
            case IInvocationOperation { TargetMethod.Name: "IsEnvironment" } isEnvironment:
                return NamesDevelopment(isEnvironment.Arguments.Length > 0 ? isEnvironment.Arguments[isEnvironment.Arguments.Length - 1].Value : null) ? true : null;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                when (IsEnvironmentName(comparison.LeftOperand) && NamesDevelopment(comparison.RightOperand))
                    || (IsEnvironmentName(comparison.RightOperand) && NamesDevelopment(comparison.LeftOperand)):
                return comparison.OperatorKind == BinaryOperatorKind.Equals;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both
                when IsDevelopment(both.LeftOperand) == true || IsDevelopment(both.RightOperand) == true:
                return true;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either
                when IsDevelopment(either.LeftOperand) == false || IsDevelopment(either.RightOperand) == false:
                return false; // !dev || x: its else branch is development
            default:
                return null;
        }
    }

    /// <summary>An earlier statement of the block leaves it outside development: <c>if (!env.IsDevelopment()) return;</c>.</summary>
    private static bool AfterNonDevelopmentExit(IBlockOperation block, IOperation child)
    {
        foreach (var statement in block.Operations)
        {
            if (statement == child)
            {
                return false;
            }

            if (statement is IConditionalOperation { WhenFalse: null } exit && IsDevelopment(exit.Condition) == false && Exits(exit.WhenTrue))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Exits(IOperation operation) => operation switch
    {
        IReturnOperation or IThrowOperation => true,
        IExpressionStatementOperation { Operation: IThrowOperation } => true,
        IBlockOperation { Operations.Length: 1 } block => Exits(block.Operations[0]),
        _ => false,
    };

    private static bool IsEnvironmentName(IOperation operation) =>
        operation is IPropertyReferenceOperation { Property.Name: "EnvironmentName" };

    private static bool NamesDevelopment(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation switch
        {
            { ConstantValue: { HasValue: true, Value: string text } } => string.Equals(text, "Development", System.StringComparison.OrdinalIgnoreCase),
            IFieldReferenceOperation { Field.Name: "Development", Field.ContainingType.Name: "Environments" or "EnvironmentName" } => true,
            _ => false,
        };
    }
}
