"use client";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2, Unplug } from "lucide-react";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc";

/** Disconnects Wonde after a confirmation; synced people stay. */
export function WondeDisconnect({ schoolId, misName }: { schoolId: string; misName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const disconnect = useMutation(
    trpc.wonde.disconnect.mutationOptions({
      onSuccess: (settings) => {
        queryClient.setQueryData(trpc.wonde.settings.queryKey({ schoolId }), settings);
        toast.success("Wonde disconnected", { description: "Your staff and pupils are kept. Connect again at any time." });
        router.refresh();
      },
      onError: (error) => toast.error("Wonde couldn't be disconnected", { description: error.message }),
    }),
  );
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="outline" className="text-destructive" disabled={disconnect.isPending}>
          {disconnect.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <Unplug aria-hidden />}
          Disconnect Wonde
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Disconnect Wonde?</AlertDialogTitle>
          <AlertDialogDescription>
            Staffroom will stop syncing from {misName}: no more Sync Data, scheduled syncs or updates at sign-in. The staff, pupils, classes and subjects already here are
            kept, and you can connect again later with a new token.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={() => disconnect.mutate({ schoolId })}>
            Disconnect
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
