using Microsoft.AspNetCore.SignalR;

namespace LegacyApi.Hubs;

/// <summary>Pushes stock levels to the dashboard.</summary>
public sealed class StockHub : Hub
{
    public Task Subscribe(string sku) => Groups.AddToGroupAsync(Context.ConnectionId, sku);
}
