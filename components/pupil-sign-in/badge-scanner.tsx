"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { Camera, Loader2 } from "lucide-react";
import { signInPupilWithBadge } from "@/app/(auth)/sign-in/pupil-actions";
import { FormError } from "@/components/ui/form-error";
import { Button } from "@/components/ui/button";

type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
declare global {
  interface Window {
    BarcodeDetector?: new (options: { formats: string[] }) => Detector;
  }
}

/** The secret in a badge URL (…/sign-in/badge#secret) of this site, or null for any other code. */
function badgeSecret(text: string): string | null {
  try {
    const url = new URL(text, window.location.href);
    return url.pathname.endsWith("/sign-in/badge") && url.hash.length > 1 ? url.hash.slice(1) : null;
  } catch {
    return null;
  }
}

/** Reads QR codes from camera frames: the browser's BarcodeDetector where there is one, else jsQR. */
async function frameReader(): Promise<(video: HTMLVideoElement, canvas: HTMLCanvasElement) => Promise<string | null>> {
  if (window.BarcodeDetector) {
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import("jsqr");
  return async (video, canvas) => {
    const width = video.videoWidth;
    const height = video.videoHeight;
    if (!width || !height) return null;
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d", { willReadFrequently: true })!;
    context.drawImage(video, 0, 0, width, height);
    return jsQR(context.getImageData(0, 0, width, height).data, width, height)?.data ?? null;
  };
}

/**
 * "Scan your badge": a badge URL opened by a phone's own camera app arrives here with the
 * secret in the fragment and signs in at once; otherwise the pupil holds the badge up to this
 * device's camera.
 */
export function BadgeScanner() {
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const [status, setStatus] = useState<"idle" | "scanning" | "signing-in">("idle");
  const [error, setError] = useState<string | null>(null);

  const stopCamera = useCallback(() => {
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
  }, []);

  // On success the action redirects to the launcher; only a refusal comes back.
  const showRefusal = useCallback((result: { error: string | null }) => {
    if (!result.error) return;
    setError(result.error);
    setStatus("idle");
  }, []);

  const signInWith = useCallback(
    async (secret: string) => {
      stopCamera();
      setStatus("signing-in");
      showRefusal(await signInPupilWithBadge(secret));
    },
    [stopCamera, showRefusal],
  );

  // A badge URL opened here (or pasted over this page's address): sign in with its secret.
  useEffect(() => {
    const fromAddress = () => {
      const secret = window.location.hash.length > 1 ? window.location.hash.slice(1) : null;
      if (!secret) return;
      // The secret leaves the address bar (and the history) before anything else happens.
      window.history.replaceState(null, "", window.location.pathname);
      void signInPupilWithBadge(secret).then(showRefusal);
    };
    fromAddress();
    window.addEventListener("hashchange", fromAddress);
    return () => window.removeEventListener("hashchange", fromAddress);
  }, [showRefusal]);

  useEffect(() => stopCamera, [stopCamera]);

  async function startScanning() {
    setError(null);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    } catch {
      setError("The camera didn't start. Allow the camera, or ask your teacher to help you.");
      return;
    }
    streamRef.current = stream;
    const video = videoRef.current!;
    video.srcObject = stream;
    await video.play();
    setStatus("scanning");
    const read = await frameReader();
    const tick = async () => {
      if (streamRef.current !== stream) return;
      const text = await read(video, canvasRef.current!).catch(() => null);
      const secret = text ? badgeSecret(text) : null;
      if (secret) return void signInWith(secret);
      window.setTimeout(() => void tick(), 150);
    };
    void tick();
  }

  return (
    <div className="grid gap-4">
      {error && (
        <FormError>{error}</FormError>
      )}
      <div className={status === "scanning" ? "overflow-hidden rounded-md border bg-black" : "hidden"}>
        <video ref={videoRef} muted playsInline aria-label="Camera: hold your badge up to it" className="aspect-[4/3] w-full object-cover" />
      </div>
      <canvas ref={canvasRef} className="hidden" aria-hidden />
      {status === "scanning" && <p role="status" className="text-center">Hold your badge up to the camera.</p>}
      {status === "signing-in" && (
        <p role="status" className="flex items-center justify-center gap-2">
          <Loader2 className="animate-spin" aria-hidden /> Signing you in…
        </p>
      )}
      {status === "idle" && (
        <Button type="button" size="lg" onClick={() => void startScanning()}>
          <Camera aria-hidden />
          Start the camera
        </Button>
      )}
    </div>
  );
}
