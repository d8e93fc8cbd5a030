import { cn } from "@/lib/utils"

function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      // A labelled skeleton ("Loading the incident") is announced as a status; a bare div may not carry a label.
      role={props["aria-label"] ? "status" : undefined}
      className={cn("bg-accent animate-pulse rounded-md", className)}
      {...props}
    />
  )
}

export { Skeleton }
