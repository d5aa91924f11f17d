using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;

namespace WebJobsHost;

/// <summary>
/// Emits one static class with a WebJobs function per registered orchestrator and activity, at start-up,
/// from the worker's manifest: the same [FunctionName] + trigger attribute shape a C# app would compile,
/// so the extension indexes and binds them exactly as it would functions.json entries in the Functions host.
/// </summary>
public static partial class FunctionEmitter
{
    // FunctionNameAttribute's own rule; a name it rejects would fail indexing with a less clear error.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex ValidName();

    public static Type Emit(Manifest manifest)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("WebJobsHost.AppFunctions"), AssemblyBuilderAccess.Run);
        var module = assembly.DefineDynamicModule("AppFunctions");
        var type = module.DefineType("AppFunctions", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class);

        var index = 0;
        foreach (var name in manifest.Orchestrators)
        {
            DefineFunction(type, name, index++, typeof(string), typeof(string), typeof(OrchestrationTriggerAttribute),
                typeof(Dispatch).GetMethod(nameof(Dispatch.Orchestrator))!);
        }

        foreach (var name in manifest.Activities)
        {
            DefineFunction(type, name, index++, typeof(Task<object>), typeof(IDurableActivityContext), typeof(ActivityTriggerAttribute),
                typeof(Dispatch).GetMethod(nameof(Dispatch.Activity))!);
        }

        return type.CreateType();
    }

    private static void DefineFunction(TypeBuilder type, string name, int index, Type returnType, Type parameterType, Type triggerAttribute, MethodInfo target)
    {
        if (!ValidName().IsMatch(name)) throw new ArgumentException($"'{name}' is not a valid function name.");
        var method = type.DefineMethod($"F{index}", MethodAttributes.Public | MethodAttributes.Static, returnType, [parameterType]);
        method.SetCustomAttribute(new CustomAttributeBuilder(
            typeof(FunctionNameAttribute).GetConstructor([typeof(string)])!, [name]));
        var parameter = method.DefineParameter(1, ParameterAttributes.None, "context");
        parameter.SetCustomAttribute(new CustomAttributeBuilder(triggerAttribute.GetConstructor(Type.EmptyTypes)!, []));

        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldstr, name);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, target);
        il.Emit(OpCodes.Ret);
    }
}
